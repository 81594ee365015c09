'use strict';
// Renders /api/v1/openapi.json as a reference: one section per operation. Text only (textContent), no innerHTML.

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function schemaText(schema) {
  if (!schema) return '';
  if (schema.$ref) return schema.$ref.split('/').pop();
  if (schema.type === 'array') return 'array of ' + schemaText(schema.items);
  if (schema.enum) return schema.enum.join(' | ');
  if (schema.properties) return '{' + Object.keys(schema.properties).join(', ') + '}';
  if (schema.allOf) return schema.allOf.map(schemaText).join(' + ');
  return schema.type || '';
}

async function start() {
  const doc = await (await fetch('/api/v1/openapi.json')).json();
  document.getElementById('api-intro').textContent = doc.info.description;
  const box = document.getElementById('api-operations');
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const section = el('section', null, 'operation');
      section.id = method + ' ' + path;
      section.append(el('h3', method.toUpperCase() + ' ' + path), el('p', op.summary),
        el('p', 'Who: ' + op['x-role'] + (op.security.length ? ' (' + op.security.map(s => Object.keys(s)[0]).join(', ') + ')' : ''), 'hint'));
      if (op.parameters) {
        const table = el('table');
        const head = el('tr');
        head.append(el('th', 'parameter'), el('th', 'in'), el('th', 'type'), el('th', 'meaning'));
        table.append(head);
        for (const p of op.parameters) {
          const row = el('tr');
          row.append(el('td', p.name), el('td', p.in), el('td', schemaText(p.schema)), el('td', p.description || ''));
          table.append(row);
        }
        section.append(table);
      }
      if (op.requestBody) {
        for (const [type, media] of Object.entries(op.requestBody.content)) section.append(el('p', 'Body (' + type + '): ' + schemaText(media.schema)));
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (status === 'default') continue;
        const types = response.content ? Object.entries(response.content).map(([t, m]) => t + ' ' + schemaText(m.schema)).join('; ') : '';
        section.append(el('p', status + ': ' + response.description + (types ? ' – ' + types : '')));
      }
      box.append(section);
    }
  }
}

document.addEventListener('DOMContentLoaded', start);
