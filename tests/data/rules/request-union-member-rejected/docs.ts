/** Fixture for request-union-member-rejected. */
export interface Thing {
  a: string;
  pet: { kind: "cat"; meow: boolean } | { kind: "dog"; bark: boolean };
}
