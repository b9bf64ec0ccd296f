/** Fixture for response-field-nullable-but-documented-non-null. */
export interface Thing {
  a: string;
}
