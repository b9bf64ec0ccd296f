/** Fixture for request-field-optional-but-documented-required. */
export interface Thing {
  a: string;
  b: string;
}
