import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSRF_HEADER } from './policy.js';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type TransformOutput = ReturnType<typeof jsonSchemaTransform>;
type TransformObjectInput = Parameters<typeof jsonSchemaTransformObject>[0];

/**
 * The OpenAPI 3 document, generated from the routes' zod schemas, served at
 * /api/v1/openapi.json. A body given per content type (JSON or an upload) is converted here,
 * since the zod transform expects one schema; every operation documents the one error shape
 * and the policy it runs under (`x-chronicle-policy`).
 */
export async function installOpenApi(app: FastifyInstance, options: { version: string; cookieName: string }): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Chronicle API',
        version: options.version,
        description:
          'Human-rights documentation workbench. Browsers authenticate with the session cookie set by /api/v1/login ' +
          `and send the session's CSRF token (from /api/v1/me) in the ${CSRF_HEADER} header on every POST, PUT, PATCH and DELETE; ` +
          'scripts send `Authorization: Bearer chr_…` (POST /api/v1/tokens). Every error has the shape of the Error schema.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: options.cookieName },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: transformRoute,
    transformObject: (input: TransformObjectInput) => withErrorResponses(jsonSchemaTransformObject(input)),
  });
}

function transformRoute(input: TransformInput): TransformOutput {
  const body = input.schema?.body as { content?: Record<string, { schema: z.ZodType }> } | undefined;
  const out = jsonSchemaTransform(body?.content ? { ...input, schema: { ...input.schema, body: undefined } } : input);
  const schema = out.schema as Record<string, unknown>;
  if (body?.content) {
    schema.body = {
      content: Object.fromEntries(
        Object.entries(body.content).map(([type, c]) => [type, { schema: z.toJSONSchema(c.schema, { target: 'openapi-3.0', io: 'input' }) }]),
      ),
    };
  }
  const policy = input.route.config?.policy;
  if (policy) schema['x-chronicle-policy'] = policy;
  return out;
}

function withErrorResponses(document: ReturnType<typeof jsonSchemaTransformObject>): ReturnType<typeof jsonSchemaTransformObject> {
  const doc = document as { paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      if (typeof op !== 'object' || op === null) continue;
      op.responses ??= {};
      op.responses.default ??= {
        description: 'Error (status 400, 401, 403, 404, 409, 413, 415, 422, 429, 5xx)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
  }
  return document;
}

/** GET /api/v1/openapi.json */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/openapi.json', { config: { policy: { minRole: 'public' } }, schema: { hide: true } }, async () => app.swagger());
}
