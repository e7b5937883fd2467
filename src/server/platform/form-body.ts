import type { FastifyInstance } from 'fastify';

/** Fields of an urlencoded body: a key sent more than once (Zammad's `user[]`) becomes a list. */
export type FormFields = Record<string, string | string[]>;

/** Adds one field as sent; a second value under the same name turns it into a list. */
export function addFormField(fields: FormFields, key: string, value: string): void {
  const seen = fields[key];
  fields[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
}

export function formFieldsOf(body: string): FormFields {
  const fields: FormFields = {};
  for (const [key, value] of new URLSearchParams(body)) addFormField(fields, key, value);
  return fields;
}

/**
 * Accepts application/x-www-form-urlencoded in the calling plugin's scope only (HTML forms,
 * telephony webhooks): the JSON API elsewhere keeps refusing it, so a cross-site "simple" form post
 * cannot reach it.
 */
export function acceptFormBodies(app: FastifyInstance, bodyLimit: number): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (_req, body, done) => {
    done(null, formFieldsOf(body as string));
  });
}
