import * as z from 'zod';

export const fieldProblemSchema = z.object({
  field: z.string().meta({ description: 'Where the problem is, e.g. `body.email` or `query.limit`.' }),
  message: z.string(),
});

export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'URI identifying the problem type: `urn:kindred:problem:<code>`.' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().meta({ description: 'Stable machine-readable code.' }),
    instance: z.string().meta({ description: 'The request id; quote it when reporting an issue.' }),
    errors: z.array(fieldProblemSchema).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });
