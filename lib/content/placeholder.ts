/**
 * The line that stands, in the Markdown a model rewrites, for a piece of the post Markdown cannot
 * carry (an embed, a gallery, a shortcode…): `[[keep:3]]` on a paragraph of its own. Both ways of
 * the conversion use it: html-to-markdown writes it for a marker element, kept-blocks reads it back.
 */

/** Only this exact form is a placeholder: text in a post that reads `[[keep:1]]` is escaped on the way in (`\[\[keep:1\]\]`). */
const PLACEHOLDER_PARAGRAPH = /^\s*\[\[keep:(\d+)\]\]\s*$/;
/** A placeholder written anywhere, e.g. inside a sentence or a list item, where it is no block. */
export const PLACEHOLDER_ANYWHERE = /\[\[keep:\d+\]\]/g;

export const placeholder = (id: string): string => `[[keep:${id}]]`;

/** The id a paragraph's Markdown stands for, when that paragraph is nothing but a placeholder. */
export function placeholderId(paragraph: string): string | undefined {
  return PLACEHOLDER_PARAGRAPH.exec(paragraph)?.[1];
}

const MARKER_TAG = 'presspilot-keep';
/**
 * Turndown converts a copy of the document, so a marker is known by an attribute, not by identity:
 * one named afresh each time the converters load, which no post can carry.
 */
const MARKER_ID = `data-id-${Math.random().toString(36).slice(2)}`;

/** An element that turndown writes as a placeholder, once it has its id (see numberMarkers). */
export function createMarker(document: Document): Element {
  const marker = document.createElement(MARKER_TAG);
  marker.setAttribute(MARKER_ID, '');
  return marker;
}

/** Our markers in the document, in reading order, each given the next id from 1: ids follow the post. */
export function numberMarkers(document: Document): Element[] {
  const ours = Array.from(document.querySelectorAll(`${MARKER_TAG}[${MARKER_ID}]`));
  ours.forEach((marker, index) => {
    marker.setAttribute(MARKER_ID, String(index + 1));
    // Turndown writes an element with no text as nothing, before any rule of ours sees it.
    marker.textContent = String(index + 1);
  });
  return ours;
}

/** The id of a numbered marker made by createMarker, else undefined. */
export function markerId(node: Node): string | undefined {
  return node.nodeName === MARKER_TAG.toUpperCase() ? (node as Element).getAttribute(MARKER_ID) || undefined : undefined;
}
