// Builds the plain-DOM version of a definition: one <fieldset> per section (type: object property),
// one labelled native control per field, radios in their own fieldset. No validation, no framework.
let nextId = 0;

function control(doc, name, schema) {
  const widget = schema['x-ozg']?.widget;
  const labels = schema['x-ozg']?.enumLabels ?? {};
  const wrap = doc.createElement('div');
  if (Array.isArray(schema.enum) && (widget === 'radio' || (!widget && schema.enum.length <= 6))) {
    const group = doc.createElement('fieldset');
    const legend = doc.createElement('legend');
    legend.textContent = schema.title ?? name;
    group.append(legend);
    for (const value of schema.enum) {
      const id = `f${nextId++}`;
      const input = doc.createElement('input');
      Object.assign(input, { type: 'radio', id, name, value: String(value) });
      if (schema.default === value) input.checked = true;
      const label = doc.createElement('label');
      label.htmlFor = id;
      label.textContent = labels[value] ?? String(value);
      group.append(input, label);
    }
    wrap.append(group);
    return wrap;
  }
  const id = `f${nextId++}`;
  const label = doc.createElement('label');
  label.htmlFor = id;
  label.textContent = schema.title ?? name;
  let field;
  if (Array.isArray(schema.enum)) {
    field = doc.createElement('select');
    field.append(doc.createElement('option'));
    for (const value of schema.enum) {
      const option = doc.createElement('option');
      option.value = String(value);
      option.textContent = labels[value] ?? String(value);
      field.append(option);
    }
  } else if (schema.type === 'string' && (schema.maxLength > 200 || widget === 'textarea')) {
    field = doc.createElement('textarea');
  } else {
    field = doc.createElement('input');
    field.type =
      schema.type === 'boolean'
        ? 'checkbox'
        : schema.type === 'integer' || schema.type === 'number'
          ? 'number'
          : schema.format === 'email'
            ? 'email'
            : schema.format === 'date'
              ? 'date'
              : 'text';
  }
  field.id = id;
  field.name = name;
  if (schema.default !== undefined) {
    if (field.type === 'checkbox') field.checked = schema.default === true;
    else field.value = String(schema.default);
  }
  wrap.append(label, field);
  return wrap;
}

function group(doc, name, schema) {
  const fieldset = doc.createElement('fieldset');
  const legend = doc.createElement('legend');
  legend.textContent = schema.title ?? name;
  fieldset.append(legend);
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    fieldset.append(child.type === 'object' ? group(doc, key, child) : control(doc, `${name}.${key}`, child));
  }
  return fieldset;
}

/** @returns {HTMLFormElement} */
export function buildPlainForm(definition, doc = document) {
  const form = doc.createElement('form');
  form.noValidate = true;
  const heading = doc.createElement('h1');
  heading.textContent = definition.title ?? '';
  form.append(heading);
  for (const [key, schema] of Object.entries(definition.properties ?? {})) {
    form.append(schema.type === 'object' ? group(doc, key, schema) : control(doc, key, schema));
  }
  return form;
}
