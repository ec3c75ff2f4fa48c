import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** How big an operation is once its fragments are expanded. */
export interface OperationShape {
  /** Deepest chain of fields (introspection fields such as `__typename` not counted). */
  depth: number;
  /** Fields the operation selects, every fragment spread expanded where it is spread. */
  fields: number;
}

const EMPTY: OperationShape = { depth: 0, fields: 0 };

/**
 * Depth and expanded field count of every operation in `document`, in time linear in the
 * document's size. Each fragment's shape is computed once: re-walking a fragment at every
 * spread would let a few kilobytes of nested spreads (each fragment spreading the next
 * twice) cost exponential time before any limit or auth check could answer. The counts
 * themselves may be astronomically large for such documents, which is what the limits refuse.
 */
export function measureOperations(document: DocumentNode): Map<OperationDefinitionNode, OperationShape> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fragmentShape = new Map<string, OperationShape>();
  const visiting = new Set<string>();
  const shapeOfFragment = (name: string): OperationShape => {
    const known = fragmentShape.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown or cyclic spreads are reported by graphql-js's own validation.
    if (!fragment || visiting.has(name)) return EMPTY;
    visiting.add(name);
    const shape = shapeOf(fragment.selectionSet);
    visiting.delete(name);
    fragmentShape.set(name, shape);
    return shape;
  };
  const shapeOf = (selectionSet: SelectionSetNode | undefined): OperationShape => {
    if (!selectionSet) return EMPTY;
    let depth = 0;
    let fields = 0;
    for (const selection of selectionSet.selections) {
      let inner: OperationShape;
      if (selection.kind === Kind.FIELD) {
        const below = shapeOf(selection.selectionSet);
        fields += 1;
        inner = { depth: selection.name.value.startsWith('__') ? 0 : 1 + below.depth, fields: below.fields };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = shapeOf(selection.selectionSet);
      } else {
        inner = shapeOfFragment(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      fields += inner.fields;
    }
    return { depth, fields };
  };
  const shapes = new Map<OperationDefinitionNode, OperationShape>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) shapes.set(definition, shapeOf(definition.selectionSet));
  }
  return shapes;
}
