/** Fixture for response-enum-value-undocumented. */
export interface Thing {
  a: "x";
}
