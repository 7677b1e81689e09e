// Harness: minimal Playwright Test types so the test type-checks without the package.
interface Locator {
  click(): Promise<void>;
}
interface Page {
  goto(url: string): Promise<unknown>;
  getByRole(role: 'button' | 'dialog' | 'combobox', options?: { name?: string }): Locator;
  keyboard: { press(key: string): Promise<void> };
}
interface LocatorAssertions {
  toBeVisible(): Promise<void>;
  toBeHidden(): Promise<void>;
  toBeFocused(): Promise<void>;
}
declare function test(name: string, body: (fixtures: { page: Page }) => Promise<void>): void;
declare function expect(locator: Locator): LocatorAssertions;
export {};

{{EXAMPLE}}
