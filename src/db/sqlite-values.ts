import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely'

/** SQLite keeps instants as Unix seconds and booleans as 0/1 (api-core.md §12.1). */
export function toSqliteValue(value: unknown): unknown {
  if (value instanceof Date) return Math.floor(value.getTime() / 1000)
  if (typeof value === 'boolean') return value ? 1 : 0
  return value
}

class SqliteValueTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return { ...super.transformValue(node), value: toSqliteValue(node.value) }
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...super.transformPrimitiveValueList(node), values: node.values.map(toSqliteValue) }
  }
}

/**
 * Lets repositories pass `Date` and `boolean` on both dialects: better-sqlite3 cannot bind
 * them, PostgreSQL stores them as timestamptz and boolean. Reading back goes through
 * db/values.ts, which accepts either representation.
 */
export class SqliteValuesPlugin implements KyselyPlugin {
  private readonly transformer = new SqliteValueTransformer()

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node)
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result)
  }
}
