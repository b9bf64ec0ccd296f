/** Fixture for request-field-required-but-undocumented. */
export interface Thing {
  a: string;
}
