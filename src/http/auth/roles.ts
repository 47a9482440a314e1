/**
 * Who may do what, as on an Axis device: a viewer reads state, an operator also drives outputs,
 * an admin also manages users, configuration and scripts.
 */
export type Role = 'viewer' | 'operator' | 'admin';

/** Every role, weakest first; a role's rank is its index. */
export const ROLES: readonly Role[] = Object.freeze(['viewer', 'operator', 'admin']);

/**
 * True when a user holding `have` may do what needs `need` (admin ⊇ operator ⊇ viewer).
 * @example roleAllows('admin', 'operator') // true
 */
export function roleAllows(have: Role, need: Role): boolean {
  const haveRank = ROLES.indexOf(have);
  // An unknown role (bad data from outside the type system) allows nothing.
  return haveRank >= 0 && haveRank >= ROLES.indexOf(need) && ROLES.includes(need);
}

/** Type guard for values read from config or storage. */
export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}
