// Harness: declarations for Testing Library, user-event, jest-axe and the component under
// test, so the keyboard-only test type-checks. `screen` is declared here because the DOM
// library's window.screen would otherwise be picked up.
export {};
interface Queries {
  getByRole(role: string, options?: { name?: string }): HTMLElement;
}
interface Matchers {
  toHaveFocus(): void;
  toHaveTextContent(text: string): void;
  toHaveNoViolations(): void;
}
interface AxeResults { violations: unknown[] }
declare const screen: Queries;
declare function render(ui: JSX.Element): void;
declare const userEvent: { setup(): { tab(): Promise<void>; keyboard(keys: string): Promise<void> } };
declare function axe(container: Element): Promise<AxeResults>;
declare function expect(value: unknown): Matchers;
declare function test(name: string, body: () => Promise<void>): void;
declare function OrderFilters(): JSX.Element;

{{EXAMPLE}}
