-- Harness: 100,000 orders, 40% of them guest orders with customer_id 0, and 1,000 customers.
-- The salted join must give exactly the plain join's result, and the hot key's rows must be
-- spread over eight (customer_id, salt) groups of roughly equal size.
CREATE TABLE customers AS
SELECT i AS customer_id, CASE WHEN i = 0 THEN 'guest' WHEN i % 3 = 0 THEN 'business' ELSE 'consumer' END AS segment
FROM range(1000) AS t(i);
CREATE TABLE orders AS
SELECT i AS order_id,
       CASE WHEN i % 5 < 2 THEN 0 ELSE 1 + (i % 999) END AS customer_id,
       (i % 97) + 0.5 AS amount
FROM range(100000) AS t(i);

CREATE TABLE salted AS
{{EXAMPLE}}

CREATE TABLE plain AS
SELECT c.segment, SUM(o.amount) AS revenue
FROM orders o JOIN customers c ON c.customer_id = o.customer_id
GROUP BY c.segment;

SELECT CASE WHEN (SELECT COUNT(*) FROM (SELECT * FROM salted EXCEPT SELECT * FROM plain)) > 0
              OR (SELECT COUNT(*) FROM salted) <> (SELECT COUNT(*) FROM plain)
            THEN error('salted join differs from the plain join') END;

-- The 40,000 guest rows spread over 8 salts, none with more than a fifth of them.
SELECT CASE WHEN (SELECT COUNT(DISTINCT hash(order_id) % 8) FROM orders WHERE customer_id = 0) <> 8
              OR (SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM orders WHERE customer_id = 0
                                      GROUP BY hash(order_id) % 8)) > 8000
            THEN error('hot key not spread over eight salts') END;
