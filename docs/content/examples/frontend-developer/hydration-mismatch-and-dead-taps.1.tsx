// Harness: the lazily loaded reviews component the page refers to.
declare function Reviews(props: { productId: string }): JSX.Element;

{{EXAMPLE}}
