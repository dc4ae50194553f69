/** A JSON Schema without title, description, examples and $comment (see strip-annotations.mjs). */
export function stripAnnotations<T>(schema: T): T;
