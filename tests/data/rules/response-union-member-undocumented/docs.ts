/** Fixture for response-union-member-undocumented. */
export interface Thing {
  a: string;
  owner: ThingUser;
}
export interface ThingUser { login: string; }
