/**
 * Details behind buttons: a row of Action.ToggleVisibility buttons and, below it, one hidden
 * Container per section. The first screen of a card stays short; every detail is one click
 * (or Enter) away, in Teams and in Web Chat alike. Several sections may be open at once.
 * Ids carry the card's key so that several cards on one page never share an id.
 */
import type { CardElement } from './adaptive';
import { heading } from './adaptive';

/** Prefix of the toggle row's id (the support page lays it out and adds aria-expanded). */
export const TOGGLE_ROW_PREFIX = 'toggles-';

export interface DetailSection {
  /** Short stable name, part of the element id (e.g. "why"). */
  name: string;
  /** Button label and the section's heading. */
  title: string;
  items: CardElement[];
}

export function detailSections(sections: DetailSection[], key: string): CardElement[] {
  const shown = sections.filter((section) => section.items.length > 0);
  if (shown.length === 0) return [];
  const idOf = (section: DetailSection) => `${section.name}-${key}`;
  const row: CardElement = {
    type: 'ActionSet',
    id: `${TOGGLE_ROW_PREFIX}${key}`,
    spacing: 'Medium',
    actions: shown.map((section) => ({ type: 'Action.ToggleVisibility', title: section.title, targetElements: [idOf(section)] })),
  };
  const containers = shown.map((section) => ({
    type: 'Container',
    id: idOf(section),
    isVisible: false,
    separator: true,
    spacing: 'Small',
    items: [heading(section.title), ...section.items],
  }));
  return [row, ...containers];
}
