/** Fixture for response-field-optional-but-documented-required. */
export interface Thing {
  a: string;
  b: string;
}
