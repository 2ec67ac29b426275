/**
 * Accessibility props for Taro components, written once for both platforms.
 *
 * In the mini-program, Taro's `ariaRole` / `ariaLabel` … props become WeChat's `aria-role` / `aria-label` attributes
 * (config/plugins/a11y-attributes.js adds them to Taro's templates). On H5 they must be the web's `role` and
 * `aria-*` attributes instead, so every page asks this helper rather than writing either spelling by hand.
 */

export type A11yRole =
  | 'button'
  | 'link'
  | 'checkbox'
  | 'radio'
  | 'radiogroup'
  | 'group'
  | 'tab'
  | 'tablist'
  | 'heading'
  | 'main'
  | 'region'
  | 'navigation'
  | 'banner'
  | 'img'
  | 'status'
  | 'alert'
  | 'list'
  | 'listitem'
  | 'table'
  | 'row'
  | 'cell'
  | 'columnheader'
  | 'rowheader';

export interface A11y {
  role?: A11yRole;
  /** The accessible name; for a button, what a screen reader says instead of its visible text. */
  label?: string;
  checked?: boolean;
  selected?: boolean;
  disabled?: boolean;
  expanded?: boolean;
  hidden?: boolean;
  /** Heading level (H5 only: WeChat has no levels). */
  level?: number;
  /** Announces changes (H5 only). */
  live?: 'polite' | 'assertive';
}

export type A11yProps = Record<string, string | undefined>;

const IS_H5 = process.env.TARO_ENV === 'h5';

function flag(v: boolean | undefined): string | undefined {
  return v === undefined ? undefined : String(v);
}

/** Props to spread on a Taro component: `<View {...a11y({ role: 'button', label: '显示完整姓名' })}>`. */
export function a11y(o: A11y): A11yProps {
  const props: A11yProps = {};
  const set = (web: string, weapp: string | null, value: string | undefined) => {
    if (value === undefined) return;
    if (IS_H5) props[web] = value;
    else if (weapp) props[weapp] = value;
  };
  set('role', 'ariaRole', o.role);
  set('aria-label', 'ariaLabel', o.label);
  set('aria-checked', 'ariaChecked', flag(o.checked));
  set('aria-selected', 'ariaSelected', flag(o.selected));
  set('aria-disabled', 'ariaDisabled', o.disabled ? 'true' : undefined);
  set('aria-expanded', 'ariaExpanded', flag(o.expanded));
  set('aria-hidden', 'ariaHidden', o.hidden ? 'true' : undefined);
  set('aria-level', null, o.level === undefined ? undefined : String(o.level));
  set('aria-live', null, o.live);
  return props;
}

/** Keyboard operation of a custom control on H5 (Enter and Space press it); nothing in the mini-program. */
export function pressable(onPress: (() => void) | undefined, disabled = false): Record<string, unknown> {
  if (!IS_H5) return {};
  return {
    tabIndex: disabled ? -1 : 0,
    onKeyDown: (e: { key?: string; preventDefault?: () => void }) => {
      if (disabled || !onPress) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault?.();
        onPress();
      }
    },
  };
}

/** Plain text of a React child, for a button's default accessible name. */
export function textOf(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  const children = (node as { props?: { children?: unknown } }).props?.children;
  return children === undefined ? '' : textOf(children);
}
