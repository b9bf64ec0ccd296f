/** Fixture for response-type-mismatch. */
export interface Thing {
  a: number;
}
