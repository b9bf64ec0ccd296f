/** @request POST /a */
export interface In {
  pets: (Cat | Dog)[];
  id: string | number; // either
}
/** @response GET /b */
export interface Out {
  owner: Person | null;
}
/** @request POST /c */
export type Body = Cat | Dog;
export interface Cat { kind: 'cat'; meow: boolean }
export interface Dog { kind: 'dog'; bark: boolean }
export interface Person { login: string }
