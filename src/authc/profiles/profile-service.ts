import { createHash } from 'node:crypto';
import type { Authentication } from '../../core/authentication.ts';
import type { Clock } from '../../core/clock.ts';
import { EsError } from '../../core/errors.ts';
import type { ProfileRecord, ProfileUser, SecurityStore } from '../../store/security-store.ts';
import { mergeData } from './profile-json.ts';
import { suggest, type SuggestRequest } from './suggest.ts';

/** ES's profile index, named in the errors of its document APIs. */
const PROFILE_INDEX = { index: '.security-profile-8', shard: '0' };
/** An activation that changes nothing within this long of the last one writes nothing (ES's 30 s). */
const ACTIVATE_INTERVAL_MS = 30_000;
/** The highest differentiator (`u_<hash>_<n>`) tried for users whose usernames share a hash base. */
const MAX_DIFFERENTIATOR = 9;

/** A uid's failure in a multi-profile answer (get, has privileges). */
export type ProfileErrors = Record<string, EsError>;

export const documentMissing = (uid: string): EsError =>
  new EsError('not_found', `[profile_${uid}]: document missing`, { type: 'document_missing_exception', fields: PROFILE_INDEX });
export const profileNotFound = (): EsError => new EsError('not_found', 'profile document not found');

/** File and native realms are one per type: a profile matches them by type alone (ES's isFileOrNativeRealm). */
const byTypeOnly = (type: string) => type === 'file' || type === 'native';

/** User profiles (ES's ProfileService): activation from an authentication, reads, data updates, enable, suggest. */
export class ProfileService {
  readonly #store: SecurityStore;
  readonly #clock: Clock;

  constructor(deps: { store: SecurityStore; clock: Clock }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
  }

  /** Creates the profile of the authenticated user, or synchronizes (and enables) the existing one. */
  async activate(auth: Authentication): Promise<ProfileRecord> {
    const subjectType = auth.type === 'api_key' ? 'api_key' : auth.serviceAccount ? 'service_account' : null;
    if (subjectType) throw new EsError('illegal_argument', `profile is supported for user only, but subject is a [${subjectType}]`);
    if (auth.type === 'internal') throw new EsError('illegal_state', `profile should not be created for internal user [${auth.user.username}]`);
    const user: ProfileUser = {
      username: auth.user.username,
      roles: [...auth.user.roles],
      realm: { name: auth.lookedUpBy.name, type: auth.lookedUpBy.type },
      email: auth.user.email,
      fullName: auth.user.fullName,
    };
    const found = await this.#store.findProfiles(user.username, user.realm.type, byTypeOnly(user.realm.type) ? undefined : user.realm.name);
    if (found.length > 1) {
      throw new EsError('internal', `multiple [${found.length}] profiles [${found.map((p) => p.uid).join(',')}] found for user [${user.username}] from realm [${user.realm.name}]`);
    }
    if (found.length === 1) return this.#synchronize(found[0].uid, user);
    const base = `u_${createHash('sha256').update(user.username, 'utf8').digest('base64url')}`;
    for (let d = 0; d <= MAX_DIFFERENTIATOR; d++) {
      const uid = `${base}_${d}`;
      const created = await this.#store.updateProfile(uid, (e) => (e ? undefined : this.#fresh(uid, user)));
      if (created.before === null) return created.after!;
      if (sameSubject(created.before.user, user)) return this.#synchronize(uid, user);
    }
    throw new EsError('internal', `profile differentiator value is too high for base Uid [${base}]`);
  }

  #fresh(uid: string, user: ProfileUser): ProfileRecord {
    return { uid, enabled: true, lastSynchronized: this.#clock.now(), user, labels: {}, data: {}, seqNo: -1, primaryTerm: 1 };
  }

  async #synchronize(uid: string, user: ProfileUser): Promise<ProfileRecord> {
    const now = this.#clock.now();
    const r = await this.#store.updateProfile(uid, (e) => {
      if (!e) return undefined;
      if (e.enabled && sameUser(e.user, user) && now - e.lastSynchronized < ACTIVATE_INTERVAL_MS) return undefined;
      return { ...e, enabled: true, lastSynchronized: now, user };
    });
    return r.after!;
  }

  /** The profiles of `uids` that exist, and a not-found error for each of the others. */
  async get(uids: readonly string[]): Promise<{ profiles: ProfileRecord[]; errors: ProfileErrors }> {
    const profiles = await this.#store.getProfiles([...new Set(uids)]);
    const have = new Set(profiles.map((p) => p.uid));
    const errors: ProfileErrors = {};
    for (const uid of [...new Set(uids)].sort()) if (!have.has(uid)) errors[uid] = profileNotFound();
    return { profiles, errors };
  }

  /** Merges labels and application data into a profile, optionally only at the given document version. */
  async updateData(uid: string, labels: Record<string, unknown>, data: Record<string, unknown>, version?: { seqNo: number; primaryTerm: number }): Promise<void> {
    await this.#write(uid, version, (e) => {
      const next = { ...e, labels: mergeData(e.labels, labels), data: mergeData(e.data, data) };
      return JSON.stringify([next.labels, next.data]) === JSON.stringify([e.labels, e.data]) ? undefined : next;
    });
  }

  async setEnabled(uid: string, enabled: boolean): Promise<void> {
    await this.#write(uid, undefined, (e) => (e.enabled === enabled ? undefined : { ...e, enabled }));
  }

  /** ES's update of the profile document: 404 when missing, 409 when not at the version asked; a no-op writes nothing. */
  async #write(uid: string, version: { seqNo: number; primaryTerm: number } | undefined, change: (e: ProfileRecord) => ProfileRecord | undefined): Promise<void> {
    await this.#store.updateProfile(uid, (e) => {
      if (!e) throw documentMissing(uid);
      if (version && (version.seqNo !== e.seqNo || version.primaryTerm !== e.primaryTerm)) {
        throw new EsError(
          'version_conflict',
          `[profile_${uid}]: version conflict, required seqNo [${version.seqNo}], primary term [${version.primaryTerm}]. current document has seqNo [${e.seqNo}] and primary term [${e.primaryTerm}]`,
          { fields: PROFILE_INDEX },
        );
      }
      return change(e);
    });
  }

  async suggest(r: SuggestRequest): Promise<{ total: number; hits: ProfileRecord[] }> {
    return suggest(await this.#store.listProfiles(true), r);
  }

  /** For `_has_privileges`: the enabled profiles among `uids` (disabled ones are left out silently, as ES). */
  async enabledSubjects(uids: readonly string[]): Promise<{ profiles: ProfileRecord[]; errors: ProfileErrors }> {
    const { profiles, errors } = await this.get(uids);
    return { profiles: profiles.filter((p) => p.enabled), errors };
  }

  /** The uid of the profile of a user of a realm, if it has one (the query users API's `with_profile_uid`). */
  async uidOf(username: string, realm: { name: string; type: string }): Promise<string | undefined> {
    const found = await this.#store.findProfiles(username, realm.type, byTypeOnly(realm.type) ? undefined : realm.name);
    return found.length === 1 ? found[0].uid : undefined;
  }
}

function sameSubject(a: ProfileUser, b: ProfileUser): boolean {
  return a.username === b.username && a.realm.type === b.realm.type && (byTypeOnly(a.realm.type) || a.realm.name === b.realm.name);
}

function sameUser(a: ProfileUser, b: ProfileUser): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
