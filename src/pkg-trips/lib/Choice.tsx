/** Large toggle buttons for single or multiple choice: big tap targets, plain words, no tiny boxes. */
import { View } from '@tarojs/components';
import './trips.scss';

interface Props<T extends string> {
  options: readonly { value: T; label: string }[];
  selected: readonly T[];
  onToggle: (value: T) => void;
  name: string;
}

export function Choice<T extends string>({ options, selected, onToggle, name }: Props<T>) {
  return (
    <View className={`trips-choice trips-choice--${name}`}>
      {options.map((o) => {
        const on = selected.includes(o.value);
        return (
          <View
            key={o.value}
            className={`trips-choice__option${on ? ' trips-choice__option--on' : ''}`}
            data-value={o.value}
            onClick={() => onToggle(o.value)}
          >
            {on ? '✓ ' : ''}
            {o.label}
          </View>
        );
      })}
    </View>
  );
}

/** One tick box with a sentence, e.g. the agreement to the rules. */
export function Tick({ checked, onChange, children, name }: { checked: boolean; onChange: (v: boolean) => void; children: string; name: string }) {
  return (
    <View className={`trips-tick trips-tick--${name}${checked ? ' trips-tick--on' : ''}`} onClick={() => onChange(!checked)}>
      <View className="trips-tick__box">{checked ? '✓' : ''}</View>
      <View className="trips-tick__text">{children}</View>
    </View>
  );
}
