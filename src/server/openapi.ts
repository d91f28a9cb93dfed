/**
 * The API's OpenAPI 3.1 document, served at /api/openapi.json. Written by hand next to the routes; the test
 * checks that every route the app answers is in it.
 */
const error = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const ok = (description: string, schema: object = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const q = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', description, schema });
const p = (name: string, schema: object = { type: 'string' }) => ({ name, in: 'path', required: true, schema });
const json = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });

export function openApiDocument(version: string): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'kqlwatch', version,
      description: 'Sentinel analytics rules run locally: incidents, alerts, rules and their runs, a KQL console, ingest. '
        + 'When the server has a token, every request needs `Authorization: Bearer <token>`. Writes need a JSON body '
        + '(or application/octet-stream for ingest).',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        Diagnostic: {
          type: 'object',
          properties: {
            code: { type: 'string' }, severity: { enum: ['error', 'warning', 'info'] }, message: { type: 'string' },
            line: { type: 'integer' }, column: { type: 'integer' }, start: { type: 'integer' }, length: { type: 'integer' },
          },
        },
        Incident: {
          type: 'object',
          properties: {
            number: { type: 'integer' }, title: { type: 'string' }, severity: { enum: ['Informational', 'Low', 'Medium', 'High'] },
            status: { enum: ['New', 'Active', 'Closed'] }, owner: { type: ['string', 'null'] }, ruleId: { type: 'string' },
            ruleName: { type: 'string' }, classification: { type: 'string' }, alertCount: { type: 'integer' },
            entities: { type: 'array', items: { type: 'object' } }, tactics: { type: 'array', items: { type: 'string' } },
            techniques: { type: 'array', items: { type: 'string' } }, firstActivityTime: { type: 'string' }, lastActivityTime: { type: 'string' },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/api/health': { get: { summary: 'Server, database, rules and scheduler status', responses: { 200: ok('Status') } } },
      '/api/stats': { get: { summary: 'Alerts and incidents over time, alerts per rule', parameters: [q('bin', 'Bin size: 15m, 1h, 1d')], responses: { 200: ok('Series'), 400: error } } },
      '/api/incidents': {
        get: {
          summary: 'The incident queue (current state of each incident)',
          parameters: [
            q('status', 'Comma list: New, Active, Closed'), q('severity', 'Comma list'), q('rule', 'Rule id or name, comma list'),
            q('owner', "Owner, or '(unassigned)'"), q('search', 'Title, user, IP or any entity identifier'),
            q('sort', "number, severity, status, title, owner, rule, firstActivityTime, lastActivityTime, createdTime, alertCount; '-' prefix for descending"),
            q('limit', 'Page size (≤ 1000)', { type: 'integer' }), q('offset', 'Page start', { type: 'integer' }),
          ],
          responses: { 200: ok('A page of incidents'), 400: error },
        },
      },
      '/api/incidents/{number}': {
        get: { summary: 'One incident with alerts, entities, evidence rows, custom details', parameters: [p('number', { type: 'integer' })], responses: { 200: ok('Incident', { $ref: '#/components/schemas/Incident' }), 404: error } },
        patch: {
          summary: 'Assign, set status, close with classification and comment',
          parameters: [p('number', { type: 'integer' })],
          requestBody: json({
            type: 'object',
            properties: {
              owner: { type: 'string', description: "'' unassigns" }, status: { enum: ['New', 'Active', 'Closed'] },
              classification: { enum: ['Undetermined', 'TruePositive', 'BenignPositive', 'FalsePositive'] },
              classificationReason: { type: 'string' }, comment: { type: 'string' }, by: { type: 'string' },
            },
          }),
          responses: { 200: ok('The incident after the change'), 400: error, 404: error, 413: error },
        },
      },
      '/api/alerts': {
        get: {
          summary: 'SecurityAlert rows, newest first',
          parameters: [q('rule', 'Rule id (AlertType)'), q('severity', 'Severity'), q('since', 'ISO datetime'), q('until', 'ISO datetime'), q('limit', 'Page size', { type: 'integer' }), q('offset', 'Page start', { type: 'integer' })],
          responses: { 200: ok('Alerts'), 400: error },
        },
      },
      '/api/rules': { get: { summary: 'Rules: schedule, enabled, issues, last run', responses: { 200: ok('Rules') } } },
      '/api/rules/{id}': {
        get: { summary: 'One rule with its run records, newest first', parameters: [p('id'), q('runs', 'How many runs', { type: 'integer' })], responses: { 200: ok('Rule'), 404: error } },
        patch: { summary: 'Enable or disable (stored in the database)', parameters: [p('id')], requestBody: json({ type: 'object', required: ['enabled'], properties: { enabled: { type: 'boolean' } } }), responses: { 200: ok('Rule'), 400: error, 404: error } },
      },
      '/api/query': {
        post: {
          summary: 'Run KQL: columns, rows, diagnostics (line:column); timeout and row cap',
          requestBody: json({ type: 'object', required: ['query'], properties: { query: { type: 'string' }, maxRows: { type: 'integer' } } }),
          responses: {
            200: ok('Result', { type: 'object', properties: { columns: { type: 'array' }, rows: { type: 'array' }, truncated: { type: 'boolean' }, diagnostics: { type: 'array', items: { $ref: '#/components/schemas/Diagnostic' } } } }),
            400: ok('Bad query: error and diagnostics', { type: 'object', properties: { error: { type: 'string' }, diagnostics: { type: 'array', items: { $ref: '#/components/schemas/Diagnostic' } } } }),
            408: error, 413: error,
          },
        },
      },
      '/api/schema': { get: { summary: 'Tables and columns, with row counts', responses: { 200: ok('Tables') } } },
      '/api/ingest': {
        post: {
          summary: 'Upload one export (raw body); starts an ingest job',
          parameters: [q('filename', 'The file name (format detection uses it)'), q('format', 'auto (default) or a format name'), q('table', 'Target table for table-shaped rows'), q('wait', "'true': answer when done")],
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          responses: { 200: ok('Finished job (wait=true)'), 202: ok('Job started'), 400: error, 413: error },
        },
      },
      '/api/ingest/jobs': { get: { summary: 'Ingest jobs since the server started', responses: { 200: ok('Jobs') } } },
      '/api/ingest/jobs/{id}': { get: { summary: 'Progress, then summary and rejected records', parameters: [p('id')], responses: { 200: ok('Job'), 404: error } } },
      '/api/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: ok('OpenAPI') } } },
    },
  };
}
