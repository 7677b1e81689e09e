-- Harness: ordered four-step funnel within 7 days of the first view, by platform.
CREATE TABLE events (
    user_id    int       NOT NULL,
    event_name text      NOT NULL,
    event_at   timestamp NOT NULL,
    platform   text      NOT NULL
);
INSERT INTO events VALUES
    -- user 1 (ios): the whole funnel in ten minutes
    (1, 'view_item', '2024-05-01 10:00', 'ios'), (1, 'add_to_cart', '2024-05-01 10:05', 'ios'),
    (1, 'checkout_start', '2024-05-01 10:07', 'ios'), (1, 'purchase', '2024-05-01 10:09', 'ios'),
    -- user 2 (ios): a purchase with no cart or checkout step does not count
    (2, 'view_item', '2024-05-02 09:00', 'ios'), (2, 'purchase', '2024-05-02 09:30', 'ios'),
    -- user 3 (web): the cart came before the view, so it is out of order
    (3, 'add_to_cart', '2024-05-01 09:00', 'web'), (3, 'view_item', '2024-05-01 09:30', 'web'),
    -- user 4: viewed on web, finished on the phone, bought after the 7-day window
    (4, 'view_item', '2024-05-03 20:00', 'web'), (4, 'add_to_cart', '2024-05-03 21:00', 'ios'),
    (4, 'checkout_start', '2024-05-04 08:00', 'ios'), (4, 'purchase', '2024-05-12 08:00', 'ios'),
    -- user 5 (web): an April view is outside the week; the May view starts the funnel
    (5, 'view_item', '2024-04-30 12:00', 'web'), (5, 'view_item', '2024-05-05 12:00', 'web'),
    (5, 'add_to_cart', '2024-05-06 12:00', 'web'),
    -- user 6 (ios): first view after the week: not in this funnel at all
    (6, 'view_item', '2024-05-09 12:00', 'ios');

CREATE TABLE result AS
{{EXAMPLE}}

DO $$
DECLARE
    got text;
BEGIN
    SELECT string_agg(format('%s %s/%s/%s/%s %s', platform, viewed, carted, checked_out, purchased,
                             coalesce(checkout_to_purchase_pct::text, '-')), '; ' ORDER BY platform)
      INTO got FROM result;
    IF got IS DISTINCT FROM 'ios 2/1/1/1 100.0; web 3/2/1/0 0.0' THEN
        RAISE EXCEPTION 'unexpected funnel: %', got;
    END IF;
END $$;
