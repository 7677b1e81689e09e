// Harness: the design system's public types, declared so the three usage examples type-check
// against the API the answer describes (value and label strings, compound parts, a headless hook).
import type { ReactNode } from 'react';

type SelectOption = { value: string; label: string; disabled?: boolean };
interface SelectProps {
  label: string;
  value: string | null;
  onChange: (value: string) => void;
  options?: SelectOption[];
  placeholder?: string;
  error?: string;
  children?: ReactNode;
}
declare const Select: ((props: SelectProps) => JSX.Element) & {
  Trigger: () => JSX.Element;
  Options: (props: { children: ReactNode }) => JSX.Element;
  Option: (props: { value: string; textValue: string; children: ReactNode }) => JSX.Element;
};
declare function Avatar(props: { src: string; alt: string }): JSX.Element;
type Person = { id: string; name: string; avatarUrl: string };
declare const people: Person[];
declare const countries: SelectOption[];
declare function useSelect<T extends { id: string }>(options: {
  items: T[]; value: string | null; onChange: (value: string) => void; label: string;
}): { triggerProps: object; listboxProps: object; getOptionProps: (item: T) => object; isOpen: boolean };
type CountryFieldProps = { country: string | null; setCountry: (v: string) => void; error?: string };
type AssigneeFieldProps = { assigneeId: string | null; setAssigneeId: (v: string) => void };

{{EXAMPLE}}

// The headless hook returns the documented props.
declare const picker: ReturnType<typeof useAssigneePicker>;
const isOpen: boolean = picker.isOpen;
void isOpen;
