/** Fixture for request-field-required-but-documented-optional. */
export interface Thing {
  a: string;
  b?: string;
}
