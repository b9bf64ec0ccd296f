/** Fixture for response-field-undocumented. */
export interface Thing {
  a: string;
}
