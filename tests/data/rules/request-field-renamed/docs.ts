/** Fixture for request-field-renamed. */
export interface Thing {
  a: string;
  isAdmin?: boolean;
}
