/** Fixture for request-field-unknown-to-backend. */
export interface Thing {
  a: string;
  b?: string;
}
