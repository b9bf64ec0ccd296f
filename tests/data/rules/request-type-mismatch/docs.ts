/** Fixture for request-type-mismatch. */
export interface Thing {
  a: string;
}
