/** The whole sequence, in order: users first (the later parts authenticate as them), their deletion last. */
import { API_KEY_STEPS } from './steps-api-keys.ts';
import { AUTHZ_STEPS } from './steps-authz.ts';
import { SERVICE_STEPS, TOKEN_STEPS } from './steps-tokens.ts';
import { USER_CLEANUP_STEPS, USER_STEPS } from './steps-users.ts';
import type { Step } from './types.ts';

export const STEPS: readonly Step[] = [...USER_STEPS, ...AUTHZ_STEPS, ...API_KEY_STEPS, ...TOKEN_STEPS, ...SERVICE_STEPS, ...USER_CLEANUP_STEPS];
