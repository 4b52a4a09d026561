import { ServiceError } from '../../platform/errors.js';
import { printable, qualified, quoteIdent, validateIdentifier } from './names.js';
import { parseJsonObject } from './row-input.js';
import { Params } from './sql/params.js';
import { asTenant, type TenantCall, type TenantEnvironment } from './tenant-context.js';

/** Functions of the managed schema that are not part of an extension (pgvector's live there too). */
const FUNCTIONS_SQL = `
SELECT p.proretset AS retset, p.prosecdef AS secdef, p.prokind::text AS kind,
  coalesce(array_to_json(p.proargnames)::text, '[]') AS argnames,
  coalesce(array_to_json(p.proargmodes)::text, 'null') AS argmodes,
  coalesce((SELECT json_agg(format_type(a.t, NULL) ORDER BY a.o) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS a(t, o)), '[]')::text AS argtypes,
  p.pronargdefaults::int AS ndefaults,
  format_type(p.prorettype, NULL) AS rettype
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = $1 AND p.proname = $2
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`;

interface Signature {
  retset: boolean;
  secdef: boolean;
  kind: string;
  rettype: string;
  /** Input arguments in order: name ('' when unnamed), type, and whether it has a default. */
  inputs: Array<{ name: string; type: string; optional: boolean }>;
}

function signature(row: Record<string, unknown>): Signature {
  const names = JSON.parse(String(row.argnames)) as string[];
  const modes = JSON.parse(String(row.argmodes)) as string[] | null;
  const types = JSON.parse(String(row.argtypes)) as string[];
  const inputNames = modes ? names.filter((_, i) => ['i', 'b', 'v'].includes(modes[i]!)) : names;
  const defaults = Number(row.ndefaults);
  return {
    retset: row.retset === true,
    secdef: row.secdef === true,
    kind: String(row.kind),
    rettype: String(row.rettype),
    inputs: types.map((type, i) => ({
      name: inputNames[i] ?? '',
      type,
      optional: i >= types.length - defaults,
    })),
  };
}

/**
 * Calls `function_name(arg => value, ...)` as the tenant: the function runs with the tenant role's rights,
 * so row-level security applies to every table it touches. Only functions of the managed schema that are
 * not SECURITY DEFINER can be called. Arguments travel as one JSON parameter and are converted to the
 * declared types inside PostgreSQL, so no value is ever part of the SQL text.
 */
export async function executeRpc(
  env: TenantEnvironment,
  call: TenantCall,
  functionName: string,
  paramsJson: string,
): Promise<string> {
  validateIdentifier('function_name', functionName, 'function name');
  const { text, value } = parseJsonObject('params', paramsJson);
  const given = Object.keys(value);
  for (const key of given) validateIdentifier('params', key, 'argument name');
  return asTenant(env, call, { readOnly: false, field: 'params' }, async (session) => {
    const found = (await session.query(FUNCTIONS_SQL, [env.schema, functionName])).rows.map(signature);
    const functions = found.filter((f) => f.kind === 'f');
    if (functions.length === 0) throw ServiceError.notFound(`function "${functionName}"`);
    const fits = functions.filter(
      (f) =>
        given.every((name) => f.inputs.some((input) => input.name === name)) &&
        f.inputs.every((input) => input.optional || given.includes(input.name)),
    );
    if (fits.length === 0) {
      const expected = functions.map(
        (f) => `(${f.inputs.map((i) => (i.optional ? `[${i.name}]` : i.name)).join(', ')})`,
      );
      throw ServiceError.invalidArgument(
        'params',
        `function "${functionName}" takes ${expected.join(' or ')}, not (${given.map((g) => printable(g)).join(', ')})`,
      );
    }
    if (fits.length > 1) {
      throw ServiceError.invalidArgument(
        'params',
        `several functions "${functionName}" accept these arguments; name more of them`,
      );
    }
    const fn = fits[0]!;
    if (fn.secdef) {
      throw ServiceError.permissionDenied(
        `function "${functionName}" is SECURITY DEFINER; only functions that run with the caller's rights can be called`,
      );
    }
    const params = new Params();
    const args = given.length > 0 ? params.add(text) : '';
    const argList = given
      .map((name) => {
        const type = fn.inputs.find((i) => i.name === name)!.type;
        const key = `${params.add(name)}::text`;
        // Types come from PostgreSQL's own catalog (format_type), never from the request.
        let expr: string;
        if (type === 'json' || type === 'jsonb') expr = `((${args}::jsonb)->${key})::${type}`;
        else if (type.endsWith('[]')) {
          expr = `(CASE WHEN jsonb_typeof((${args}::jsonb)->${key}) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text((${args}::jsonb)->${key})) END)::${type}`;
        } else expr = `((${args}::jsonb)->>${key})::${type}`;
        return `${quoteIdent(name)} => ${expr}`;
      })
      .join(', ');
    const target = `${qualified(env.schema, functionName)}(${argList})`;
    let sql: string;
    if (fn.rettype === 'void') sql = `SELECT 'null'::text AS result FROM (SELECT ${target}) AS _f`;
    else if (fn.retset)
      sql = `SELECT coalesce(json_agg(_f), '[]'::json)::text AS result FROM ${target} AS _f`;
    else sql = `SELECT to_json(_f)::text AS result FROM ${target} AS _f`;
    const result = await session.query(sql, params.values);
    return String(result.rows[0]?.result ?? 'null');
  });
}
