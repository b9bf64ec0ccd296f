/** Fixture for response-field-missing. */
export interface Thing {
  a: string;
  b: string;
}
