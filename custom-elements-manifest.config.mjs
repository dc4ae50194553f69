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

export default {
  globs: ['src/index.ts', 'src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: true,
  plugins: [tagsFromDefineElement()],
};
