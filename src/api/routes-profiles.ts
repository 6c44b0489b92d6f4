import type { Route } from './routes.ts';
import { activateProfile, ACTIVATE_PROFILE_ACTION } from './handlers/profiles/activate-profile.ts';
import { getProfiles } from './handlers/profiles/get-profiles.ts';
import { updateProfileData } from './handlers/profiles/update-profile-data.ts';
import { suggestProfiles } from './handlers/profiles/suggest-profiles.ts';
import { setProfileEnabled } from './handlers/profiles/set-profile-enabled.ts';
import { profileHasPrivileges } from './handlers/profiles/profile-has-privileges.ts';
import { queryUsers, QUERY_USER_ACTION } from './handlers/users/query-users.ts';
import { getSecuritySettings, updateSecuritySettings } from './handlers/security-settings.ts';

const PROFILE = 'cluster:admin/xpack/security/profile';

/** User profiles, the query users API and the security settings (spread into ROUTES). */
export const PROFILE_ROUTES: readonly Route[] = [
  { methods: ['POST'], path: '/_security/profile/_activate', action: ACTIVATE_PROFILE_ACTION, handler: activateProfile },
  { methods: ['GET', 'POST'], path: '/_security/profile/_suggest', action: `${PROFILE}/suggest`, handler: suggestProfiles },
  { methods: ['GET', 'POST'], path: '/_security/profile/_has_privileges', action: `${PROFILE}/has_privileges`, handler: profileHasPrivileges },
  { methods: ['GET'], path: '/_security/profile/{uid}', action: `${PROFILE}/get`, handler: getProfiles },
  { methods: ['PUT', 'POST'], path: '/_security/profile/{uid}/_data', action: `${PROFILE}/put/data`, handler: updateProfileData },
  { methods: ['PUT', 'POST'], path: '/_security/profile/{uid}/_enable', action: `${PROFILE}/set_enabled`, handler: setProfileEnabled(true) },
  { methods: ['PUT', 'POST'], path: '/_security/profile/{uid}/_disable', action: `${PROFILE}/set_enabled`, handler: setProfileEnabled(false) },
  { methods: ['GET', 'POST'], path: '/_security/_query/user', action: QUERY_USER_ACTION, handler: queryUsers },
  { methods: ['GET'], path: '/_security/settings', action: 'cluster:admin/xpack/security/settings/get', handler: getSecuritySettings },
  { methods: ['PUT'], path: '/_security/settings', action: 'cluster:admin/xpack/security/settings/update', handler: updateSecuritySettings },
];
