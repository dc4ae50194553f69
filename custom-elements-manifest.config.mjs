// custom-elements.json (npm run analyze): the public elements of ozg-form, from their JSDoc
// (@summary, @event, @csspart, @cssproperty, @slot). Elements are registered in one place
// (src/index.ts, `defineElement('ozg-form', OzgForm)`), not by a decorator, so the plugin below
// reads the tag names from there.
const tagsFromDefineElement = () => {
  const tags = new Map(); // class name -> tag name
  return {
    name: 'ozg-define-element',
    analyzePhase({ ts, node }) {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineElement') return;
      const [tag, ctor] = node.arguments;
      if (tag && ctor && ts.isStringLiteral(tag)) tags.set(ctor.getText(), tag.text);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        // define.ts calls customElements.define(name, ctor) for every element: not a definition of its own.
        mod.exports = mod.exports?.filter((e) => e.kind !== 'custom-element-definition' || e.name.startsWith('ozg-'));
        for (const declaration of mod.declarations ?? []) {
          const tagName = tags.get(declaration.name);
          if (declaration.kind !== 'class' || !tagName) continue;
          // A class registered by defineElement is an element even when its superclass is one of ours
          // (OzgForm extends OzgFormBase), which the analyzer does not follow.
          declaration.customElement = true;
          declaration.tagName = tagName;
          mod.exports = [
            ...(mod.exports ?? []),
            {
              kind: 'custom-element-definition',
              name: tagName,
              declaration: { name: declaration.name, module: mod.path },
            },
          ];
        }
      }
    },
  };
};

// Lit's internal reactive state (`{ state: true }` in `static properties`: status, step, view …) is
// no attribute and no API, but the analyzer's Lit support lists it as both. This plugin records those
// names per class and drops them, also where a subclass inherits them (OzgForm from OzgFormBase).
const dropInternalState = () => {
  const state = new Map(); // class name -> names declared with state: true
  const isTrue = (ts, node) => node?.kind === ts.SyntaxKind.TrueKeyword;
  return {
    name: 'ozg-drop-internal-state',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const member of node.members) {
        const isStatic = ts.getModifiers?.(member)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (!isStatic || !ts.isPropertyDeclaration(member) || member.name.getText() !== 'properties') continue;
        if (!member.initializer || !ts.isObjectLiteralExpression(member.initializer)) continue;
        for (const prop of member.initializer.properties) {
          if (!ts.isPropertyAssignment(prop) || !ts.isObjectLiteralExpression(prop.initializer)) continue;
          const internal = prop.initializer.properties.some(
            (o) => ts.isPropertyAssignment(o) && o.name.getText() === 'state' && isTrue(ts, o.initializer),
          );
          if (!internal) continue;
          const names = state.get(node.name.text) ?? new Set();
          names.add(prop.name.getText());
          state.set(node.name.text, names);
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          const internal = (name, inheritedFrom) => state.get(inheritedFrom?.name ?? declaration.name)?.has(name);
          declaration.members = declaration.members?.filter((m) => !internal(m.name, m.inheritedFrom));
          declaration.attributes = declaration.attributes?.filter(
            (a) => !(a.fieldName && internal(a.fieldName, a.inheritedFrom)),
          );
        }
      }
    },
  };
};

export default {
  globs: ['src/index.ts', 'src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [tagsFromDefineElement(), dropInternalState()],
};
