# Statements Shardgate must refuse (SQLFeatureNotSupportedException naming the construct), never answer.
SELECT COUNT(DISTINCT status) FROM orders
SELECT status, COUNT(*) FROM orders GROUP BY status HAVING COUNT(*) > 10
SELECT SUM(amount) / COUNT(*) FROM orders
SELECT GROUP_CONCAT(note) FROM orders
SELECT o.id FROM orders o JOIN order_items i ON o.id = i.order_id
SELECT id FROM orders WHERE user_id IN (SELECT id FROM users WHERE age > 50)
SELECT user_id FROM orders UNION SELECT id FROM users
SELECT id, ROW_NUMBER() OVER (ORDER BY id) FROM orders
UPDATE orders SET user_id = 5 WHERE id = 1
SELECT DISTINCT status FROM orders ORDER BY amount
