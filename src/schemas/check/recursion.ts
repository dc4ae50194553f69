/** Lists whose entries are of a definition they are part of (a tree, expanded one level per added
 * entry): the form offers RECURSION_DEPTH levels; say so, so that the author can check it is enough. */
import type { DefinitionProblem } from '../check.js';
import { RECURSION_DEPTH, refusals } from '../support.js';
import { warning, type Obj } from './walk.js';

export function checkRecursion(root: Obj): DefinitionProblem[] {
  const trees: string[] = [];
  refusals(root, trees);
  return [...new Set(trees)].map((pointer) =>
    warning(
      `${pointer}/items`,
      `Die Einträge dieser Liste sind von derselben Art wie das Objekt, das sie enthält (eine Baumstruktur). Das Formular bietet bis zu ${RECURSION_DEPTH} Ebenen an; in der untersten lassen sich keine Einträge mehr hinzufügen. Reicht das nicht, teilen Sie den Antrag auf.`,
      `The entries of this list are of the same kind as the object that holds it (a tree). The form offers up to ${RECURSION_DEPTH} levels; on the lowest no more entries can be added. If that is not enough, split the application.`,
    ),
  );
}
