import type Database from 'better-sqlite3';
import { makeCredential, isRole, type Role, type StoredCredential } from '../auth/index.ts';

/** A user as the API shows it: never a hash. */
export interface UserInfo {
  username: string;
  role: Role;
}

interface UserRow {
  username: string;
  role: string;
  password_hash: string;
  ha1_md5: string;
  ha1_sha256: string;
  factory: number;
}

const FACTORY_USER = 'root';
const FACTORY_PASSWORD = 'pass';

/**
 * Users and their credentials, in the journal's SQLite database. Lookups are served from memory
 * (every request authenticates); writes go to the database first.
 */
export class UserStore {
  readonly #db: Database.Database;
  readonly #realm: string;
  #cache = new Map<string, StoredCredential & { factory: boolean }>();

  constructor(options: { db: Database.Database; realm: string }) {
    this.#db = options.db;
    this.#realm = options.realm;
    this.#db.exec(`CREATE TABLE IF NOT EXISTS users (
      username TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
      ha1_md5 TEXT NOT NULL, ha1_sha256 TEXT NOT NULL, factory INTEGER NOT NULL DEFAULT 0)`);
    if (this.#count() === 0) this.set(FACTORY_USER, 'admin', FACTORY_PASSWORD);
    this.#load();
  }

  find(username: string): StoredCredential | undefined {
    return this.#cache.get(username);
  }

  list(): UserInfo[] {
    return [...this.#cache.values()].map(({ username, role }) => ({ username, role }));
  }

  /** True when this user still has the factory password (root/pass). */
  usesFactoryPassword(username: string): boolean {
    return this.#cache.get(username)?.factory === true;
  }

  /** True while the factory login root/pass still works: the server warns until it is changed. */
  factoryPasswordInUse(): boolean {
    return [...this.#cache.values()].some((u) => u.factory);
  }

  /** Creates or updates a user. Returns whether it was created. */
  set(username: string, role: Role, password: string): boolean {
    const cred = makeCredential(username, role, password, this.#realm);
    const factory = username === FACTORY_USER && password === FACTORY_PASSWORD ? 1 : 0;
    const created = !this.#cache.has(username) && this.#count(username) === 0;
    this.#db
      .prepare(
        `INSERT INTO users (username, role, password_hash, ha1_md5, ha1_sha256, factory) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash,
         ha1_md5 = excluded.ha1_md5, ha1_sha256 = excluded.ha1_sha256, factory = excluded.factory`,
      )
      .run(username, role, cred.passwordHash, cred.ha1Md5, cred.ha1Sha256, factory);
    this.#cache.set(username, { ...cred, factory: factory === 1 });
    return created;
  }

  /** Changes only the role, keeping the password. */
  setRole(username: string, role: Role): void {
    const user = this.#cache.get(username);
    if (!user) throw new RangeError(`no user ${username}`);
    this.#db.prepare('UPDATE users SET role = ? WHERE username = ?').run(role, username);
    this.#cache.set(username, { ...user, role });
  }

  delete(username: string): boolean {
    const info = this.#db.prepare('DELETE FROM users WHERE username = ?').run(username);
    this.#cache.delete(username);
    return info.changes > 0;
  }

  adminCount(): number {
    return [...this.#cache.values()].filter((u) => u.role === 'admin').length;
  }

  #count(username?: string): number {
    const row = username
      ? this.#db.prepare('SELECT COUNT(*) AS n FROM users WHERE username = ?').get(username)
      : this.#db.prepare('SELECT COUNT(*) AS n FROM users').get();
    return (row as { n: number }).n;
  }

  #load(): void {
    const rows = this.#db.prepare('SELECT * FROM users').all() as UserRow[];
    this.#cache = new Map(
      rows.filter((r) => isRole(r.role)).map((r) => [
        r.username,
        {
          username: r.username,
          role: r.role as Role,
          passwordHash: r.password_hash,
          ha1Md5: r.ha1_md5,
          ha1Sha256: r.ha1_sha256,
          factory: r.factory === 1,
        },
      ]),
    );
  }
}
