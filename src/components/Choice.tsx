/**
 * Large toggle chips for single or multiple choice (radio / checkbox for screen readers), and one tick box with a
 * sentence (the agreement to the rules). Big tap targets, plain words, no tiny boxes.
 */
import { View } from '@tarojs/components';
import { a11y } from '../lib/a11y';
import { Tappable } from './Tappable';

interface Props<T extends string> {
  options: readonly { value: T; label: string }[];
  selected: readonly T[];
  onToggle: (value: T) => void;
  /** Class hook: `choice--<name>`. */
  name: string;
  /** What is being chosen (read before the options), e.g. 与本人关系. */
  label: string;
  multiple?: boolean;
}

export function Choice<T extends string>({ options, selected, onToggle, name, label, multiple = false }: Props<T>) {
  return (
    <View className={`choice choice--${name}`} {...a11y({ role: multiple ? 'group' : 'radiogroup', label })}>
      {options.map((o) => {
        const on = selected.includes(o.value);
        return (
          <Tappable
            key={o.value}
            role={multiple ? 'checkbox' : 'radio'}
            checked={on}
            className={`choice__option${on ? ' choice__option--on' : ''}`}
            data-value={o.value}
            onPress={() => onToggle(o.value)}
          >
            {on ? (
              <View className="choice__mark" {...a11y({ hidden: true })}>
                ✓
              </View>
            ) : null}
            {o.label}
          </Tappable>
        );
      })}
    </View>
  );
}

export function Tick({ checked, onChange, children, name }: { checked: boolean; onChange: (v: boolean) => void; children: string; name: string }) {
  return (
    <Tappable role="checkbox" checked={checked} label={children} className={`tick tick--${name}${checked ? ' tick--on' : ''}`} onPress={() => onChange(!checked)}>
      <View className="tick__box" {...a11y({ hidden: true })}>
        {checked ? '✓' : ''}
      </View>
      <View className="tick__text">{children}</View>
    </Tappable>
  );
}
