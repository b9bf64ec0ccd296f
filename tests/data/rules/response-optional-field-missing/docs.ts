/** Fixture for response-optional-field-missing. */
export interface Thing {
  a: string;
  b?: string;
}
