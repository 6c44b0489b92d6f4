/**
 * The one door to @peculiar/x509. The shim import must stay first: ES modules evaluate their imports
 * in source order, so Reflect metadata exists before tsyringe (inside @peculiar/x509) checks for it.
 */
import './reflect-shim.ts';

export * from '@peculiar/x509';
