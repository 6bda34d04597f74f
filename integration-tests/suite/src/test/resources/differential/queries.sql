# Differential queries: each runs through Shardgate and against the unsharded reference database, and
# the rows must be equal (in order when the query has ORDER BY; every ORDER BY ends with a unique key).
# '[ci] ' marks queries whose strings are compared ignoring case: MariaDB's default collation groups
# 'Bob' with 'bob' and may return either spelling.
SELECT id, status, amount, qty, note, created FROM orders WHERE user_id = 1 ORDER BY id
SELECT id, status, amount, qty, note, created FROM orders WHERE user_id = 2 ORDER BY id
SELECT id, status, amount, qty, note, created FROM orders WHERE user_id = 3 ORDER BY id
SELECT id, status, amount, qty, note, created FROM orders WHERE user_id = 7 ORDER BY id
SELECT id, status, amount, qty, note, created FROM orders WHERE user_id = 13 ORDER BY id
SELECT id, status, amount, qty, note, created FROM orders WHERE user_id = 42 ORDER BY id
SELECT id, status, amount, qty, note, created FROM orders WHERE user_id = 99 ORDER BY id
SELECT id, status, amount, qty, note, created FROM orders WHERE user_id = 150 ORDER BY id
SELECT id, status, amount, qty, note, created FROM orders WHERE user_id = 200 ORDER BY id
SELECT id, status, amount, qty, note, created FROM orders WHERE user_id = 201 ORDER BY id
SELECT * FROM users WHERE id = 5
SELECT COUNT(*), SUM(amount), MIN(created), MAX(created) FROM orders WHERE user_id = 5
SELECT o.id, i.sku, i.price FROM orders o JOIN order_items i ON o.user_id = i.user_id AND o.id = i.order_id WHERE o.user_id = 5 ORDER BY o.id, i.id
SELECT u.name, o.id FROM users u JOIN orders o ON u.id = o.user_id WHERE u.id = 5 ORDER BY o.id
SELECT * FROM users WHERE id = 77
SELECT COUNT(*), SUM(amount), MIN(created), MAX(created) FROM orders WHERE user_id = 77
SELECT o.id, i.sku, i.price FROM orders o JOIN order_items i ON o.user_id = i.user_id AND o.id = i.order_id WHERE o.user_id = 77 ORDER BY o.id, i.id
SELECT u.name, o.id FROM users u JOIN orders o ON u.id = o.user_id WHERE u.id = 77 ORDER BY o.id
SELECT * FROM users WHERE id = 123
SELECT COUNT(*), SUM(amount), MIN(created), MAX(created) FROM orders WHERE user_id = 123
SELECT o.id, i.sku, i.price FROM orders o JOIN order_items i ON o.user_id = i.user_id AND o.id = i.order_id WHERE o.user_id = 123 ORDER BY o.id, i.id
SELECT u.name, o.id FROM users u JOIN orders o ON u.id = o.user_id WHERE u.id = 123 ORDER BY o.id
SELECT id, user_id, amount FROM orders WHERE user_id IN (1, 2, 3) ORDER BY id
SELECT user_id, COUNT(*) FROM orders WHERE user_id IN (1, 2, 3) GROUP BY user_id ORDER BY user_id
SELECT id, user_id, amount FROM orders WHERE user_id IN (10, 20, 30, 40, 50) ORDER BY id
SELECT user_id, COUNT(*) FROM orders WHERE user_id IN (10, 20, 30, 40, 50) GROUP BY user_id ORDER BY user_id
SELECT id, user_id, amount FROM orders WHERE user_id IN (7) ORDER BY id
SELECT user_id, COUNT(*) FROM orders WHERE user_id IN (7) GROUP BY user_id ORDER BY user_id
SELECT id, user_id, amount FROM orders WHERE user_id IN (199, 200, 201, 202) ORDER BY id
SELECT user_id, COUNT(*) FROM orders WHERE user_id IN (199, 200, 201, 202) GROUP BY user_id ORDER BY user_id
SELECT id, user_id, amount FROM orders WHERE user_id IN (3, 3, 3) ORDER BY id
SELECT user_id, COUNT(*) FROM orders WHERE user_id IN (3, 3, 3) GROUP BY user_id ORDER BY user_id
SELECT id FROM orders WHERE user_id = 4 OR user_id = 8 ORDER BY id
SELECT id FROM orders WHERE (user_id = 4 OR user_id = 8) AND status = 'paid' ORDER BY id
SELECT id FROM orders WHERE user_id = 4 OR status = 'cancelled' ORDER BY id
SELECT id FROM orders WHERE user_id NOT IN (1, 2, 3) AND id < 60 ORDER BY id
SELECT id FROM orders WHERE user_id <> 5 AND id BETWEEN 100 AND 130 ORDER BY id
SELECT id, user_id FROM orders WHERE user_id BETWEEN 10 AND 20 ORDER BY id
SELECT id FROM orders WHERE user_id > 190 ORDER BY id
SELECT id FROM orders WHERE user_id <= 3 ORDER BY id DESC
SELECT id FROM orders WHERE amount > 95 ORDER BY id
SELECT id FROM orders WHERE amount BETWEEN 10 AND 11 ORDER BY amount, id
SELECT id FROM orders WHERE created >= '2024-06-01' AND created < '2024-06-08' ORDER BY created, id
SELECT id FROM orders WHERE note IS NULL ORDER BY id LIMIT 20
SELECT id FROM orders WHERE amount IS NULL ORDER BY id
SELECT id FROM orders WHERE note LIKE 'n1%' ORDER BY id LIMIT 15
SELECT * FROM users WHERE age > 70 ORDER BY id
SELECT * FROM users WHERE country IS NULL ORDER BY id
SELECT id, name FROM users WHERE score > 900 ORDER BY score DESC, id
SELECT id, id FROM orders ORDER BY id, id LIMIT 25
SELECT id, id FROM orders ORDER BY id DESC, id LIMIT 25
SELECT id, amount FROM orders ORDER BY amount, id LIMIT 25
SELECT id, amount FROM orders ORDER BY amount DESC, id LIMIT 25
SELECT id, created FROM orders ORDER BY created, id LIMIT 25
SELECT id, created FROM orders ORDER BY created DESC, id LIMIT 25
SELECT id, qty FROM orders ORDER BY qty, id LIMIT 25
SELECT id, qty FROM orders ORDER BY qty DESC, id LIMIT 25
SELECT id, note FROM orders ORDER BY note, id LIMIT 25
SELECT id, note FROM orders ORDER BY note DESC, id LIMIT 25
SELECT id, status FROM orders ORDER BY status, id LIMIT 25
SELECT id, status FROM orders ORDER BY status DESC, id LIMIT 25
SELECT id, user_id FROM orders ORDER BY user_id, id LIMIT 25
SELECT id, user_id FROM orders ORDER BY user_id DESC, id LIMIT 25
SELECT id, amount FROM orders ORDER BY amount DESC, id LIMIT 10 OFFSET 0
SELECT id, amount FROM orders ORDER BY amount DESC, id LIMIT 10 OFFSET 1
SELECT id, amount FROM orders ORDER BY amount DESC, id LIMIT 10 OFFSET 10
SELECT id, amount FROM orders ORDER BY amount DESC, id LIMIT 10 OFFSET 99
SELECT id, amount FROM orders ORDER BY amount DESC, id LIMIT 10 OFFSET 1490
SELECT id, amount FROM orders ORDER BY amount DESC, id LIMIT 10 OFFSET 1600
SELECT id FROM orders ORDER BY id
SELECT * FROM orders ORDER BY id LIMIT 5
SELECT id, note FROM orders ORDER BY note, id LIMIT 40
SELECT id, note FROM orders ORDER BY note DESC, id DESC LIMIT 40
SELECT id FROM orders ORDER BY amount, id LIMIT 30
SELECT id FROM orders ORDER BY qty * 2 DESC, id LIMIT 12
SELECT id, name FROM users ORDER BY name, id
SELECT id, name FROM users ORDER BY name DESC, id LIMIT 30
SELECT id, age FROM users ORDER BY age, id LIMIT 30
SELECT id, age FROM users ORDER BY age DESC, id LIMIT 30
SELECT id, score FROM users ORDER BY score, id LIMIT 30 OFFSET 5
SELECT id FROM users ORDER BY country, age, id
SELECT o.id, o.amount FROM orders o WHERE o.user_id IN (1, 50, 100, 150) ORDER BY o.amount DESC, o.id LIMIT 7
SELECT id AS order_id, amount AS a FROM orders ORDER BY a, order_id LIMIT 9
SELECT id, amount FROM orders ORDER BY 2 DESC, 1 LIMIT 11
SELECT id FROM orders WHERE status = 'new' ORDER BY created DESC, id LIMIT 10 OFFSET 3
SELECT COUNT(*) FROM orders
SELECT COUNT(*) FROM users
SELECT COUNT(*) FROM order_items
SELECT COUNT(amount), COUNT(note) FROM orders
SELECT SUM(amount) FROM orders
SELECT SUM(qty) FROM orders
SELECT MIN(amount), MAX(amount) FROM orders
SELECT MIN(created), MAX(created) FROM orders
[ci] SELECT MIN(note), MAX(note) FROM orders
SELECT AVG(amount) FROM orders
SELECT AVG(qty) FROM orders
SELECT AVG(score), AVG(age) FROM users
SELECT COUNT(*), SUM(amount), AVG(amount), MIN(amount), MAX(amount) FROM orders WHERE status = 'paid'
SELECT COUNT(*) FROM orders WHERE amount > 1000
SELECT SUM(amount), AVG(amount) FROM orders WHERE amount > 1000
SELECT MAX(id) FROM orders WHERE user_id IN (2, 4, 6)
SELECT COUNT(DISTINCT user_id) FROM orders
SELECT COUNT(DISTINCT user_id) FROM orders WHERE status = 'shipped'
SELECT SUM(price * quantity) FROM order_items
SELECT COUNT(*) AS c, SUM(quantity) AS q FROM order_items WHERE sku = 'sku-3'
SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY status
SELECT status, SUM(amount) FROM orders GROUP BY status ORDER BY status
SELECT status, MIN(amount) FROM orders GROUP BY status ORDER BY status
SELECT status, MAX(amount) FROM orders GROUP BY status ORDER BY status
SELECT status, AVG(amount) FROM orders GROUP BY status ORDER BY status
SELECT status, COUNT(amount) FROM orders GROUP BY status ORDER BY status
SELECT status, SUM(qty) FROM orders GROUP BY status ORDER BY status
SELECT status, AVG(qty) FROM orders GROUP BY status ORDER BY status
SELECT status, MIN(created) FROM orders GROUP BY status ORDER BY status
SELECT status, MAX(created) FROM orders GROUP BY status ORDER BY status
SELECT status, COUNT(*), SUM(amount), AVG(amount), MIN(id), MAX(id) FROM orders GROUP BY status ORDER BY status
SELECT qty, COUNT(*) FROM orders GROUP BY qty ORDER BY qty
SELECT qty, status, COUNT(*) FROM orders GROUP BY qty, status ORDER BY qty, status
SELECT status, COUNT(*) AS c FROM orders GROUP BY status ORDER BY c DESC, status
SELECT status, SUM(amount) AS s FROM orders GROUP BY status ORDER BY s, status
SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY status LIMIT 2
SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY status LIMIT 2 OFFSET 1
SELECT COUNT(*) FROM orders GROUP BY status ORDER BY status
SELECT status FROM orders GROUP BY status ORDER BY COUNT(*) DESC, status
SELECT status, MAX(amount) FROM orders GROUP BY status ORDER BY MIN(amount), status
SELECT created, COUNT(*) FROM orders GROUP BY created ORDER BY created LIMIT 20
SELECT country, COUNT(*), AVG(age) FROM users GROUP BY country ORDER BY country
SELECT country, MIN(score), MAX(score) FROM users GROUP BY country ORDER BY country
SELECT sku, SUM(quantity), AVG(price) FROM order_items GROUP BY sku ORDER BY sku
SELECT quantity, COUNT(*) FROM order_items WHERE price > 20 GROUP BY quantity ORDER BY quantity
SELECT status, COUNT(*) FROM orders WHERE user_id IN (1, 2, 3, 4, 5) GROUP BY status ORDER BY status
SELECT status, COUNT(*) FROM orders GROUP BY status
SELECT qty, SUM(amount) FROM orders GROUP BY qty
SELECT user_id, COUNT(*) FROM orders GROUP BY user_id ORDER BY user_id
SELECT user_id, SUM(amount) AS s FROM orders GROUP BY user_id ORDER BY s DESC, user_id LIMIT 10
SELECT user_id, COUNT(*) AS c FROM orders GROUP BY user_id HAVING COUNT(*) > 8 ORDER BY user_id
SELECT user_id, AVG(amount) FROM orders GROUP BY user_id HAVING AVG(amount) > 60 ORDER BY user_id
SELECT user_id, COUNT(DISTINCT status) FROM orders GROUP BY user_id ORDER BY user_id
SELECT user_id, MAX(created) FROM orders GROUP BY user_id ORDER BY MAX(created) DESC, user_id LIMIT 15
SELECT o.user_id, COUNT(*) FROM orders o JOIN order_items i ON o.user_id = i.user_id AND o.id = i.order_id GROUP BY o.user_id ORDER BY o.user_id
SELECT user_id, status, COUNT(*) FROM orders GROUP BY user_id, status ORDER BY user_id, status LIMIT 50
SELECT DISTINCT status FROM orders ORDER BY status
SELECT DISTINCT qty FROM orders ORDER BY qty
SELECT DISTINCT qty FROM orders ORDER BY qty DESC LIMIT 3
SELECT DISTINCT status, qty FROM orders ORDER BY status, qty
SELECT DISTINCT user_id FROM orders WHERE user_id < 20 ORDER BY user_id
SELECT DISTINCT country FROM users ORDER BY country
SELECT DISTINCT sku FROM order_items ORDER BY sku LIMIT 10 OFFSET 5
SELECT DISTINCT status FROM orders
SELECT o.id, i.id, i.sku FROM orders o JOIN order_items i ON o.user_id = i.user_id AND o.id = i.order_id ORDER BY o.id, i.id LIMIT 50
SELECT COUNT(*) FROM orders o JOIN order_items i ON o.user_id = i.user_id AND o.id = i.order_id
SELECT o.status, SUM(i.price * i.quantity) FROM orders o JOIN order_items i ON o.user_id = i.user_id AND o.id = i.order_id GROUP BY o.status ORDER BY o.status
SELECT o.id, COUNT(i.id) FROM orders o LEFT JOIN order_items i ON o.user_id = i.user_id AND o.id = i.order_id WHERE o.id < 40 GROUP BY o.id ORDER BY o.id
SELECT u.id, u.name, COUNT(o.id) FROM users u LEFT JOIN orders o ON u.id = o.user_id GROUP BY u.id, u.name ORDER BY u.id LIMIT 30
SELECT u.name, o.amount FROM users u JOIN orders o ON o.user_id = u.id WHERE o.amount > 99 ORDER BY o.amount DESC, o.id
SELECT u.id, c.name FROM users u JOIN countries c ON c.code = u.country ORDER BY u.id LIMIT 40
SELECT c.region, COUNT(*) FROM users u JOIN countries c ON c.code = u.country GROUP BY c.region ORDER BY c.region
SELECT c.name, COUNT(*) FROM users u JOIN countries c ON c.code = u.country GROUP BY c.name ORDER BY c.name
SELECT u.id, c.region FROM users u LEFT JOIN countries c ON c.code = u.country WHERE u.id < 30 ORDER BY u.id
SELECT * FROM countries ORDER BY code
SELECT region, COUNT(*) FROM countries GROUP BY region ORDER BY region
SELECT o.id FROM orders o WHERE o.user_id = 9 AND EXISTS (SELECT 1 FROM order_items i WHERE i.user_id = 9 AND i.order_id = o.id) ORDER BY o.id
SELECT id FROM orders WHERE user_id = 11 AND id IN (SELECT order_id FROM order_items WHERE user_id = 11) ORDER BY id
SELECT t.status, t.n FROM (SELECT status, COUNT(*) AS n FROM orders WHERE user_id = 12 GROUP BY status) t ORDER BY t.status
SELECT id FROM users WHERE country IN (SELECT code FROM countries WHERE region = 'eu') ORDER BY id
SELECT id, note FROM orders WHERE id < 60 ORDER BY note, id
SELECT id, note FROM orders WHERE id < 60 ORDER BY note DESC, id
SELECT id, amount FROM orders WHERE id < 100 ORDER BY amount, id
SELECT id, amount FROM orders WHERE id < 100 ORDER BY amount DESC, id
SELECT note, COUNT(*) FROM orders WHERE note IS NULL GROUP BY note
SELECT COALESCE(note, 'none') AS n, id FROM orders WHERE user_id = 21 ORDER BY id
SELECT id, amount * qty AS total FROM orders WHERE user_id IN (31, 32) ORDER BY total DESC, id
SELECT id, CASE WHEN amount > 50 THEN 'big' ELSE 'small' END AS size FROM orders WHERE user_id = 33 ORDER BY id
SELECT id, age FROM users WHERE age IS NULL ORDER BY id
SELECT MIN(age), MAX(age), COUNT(age), COUNT(*) FROM users
SELECT country, COUNT(age) FROM users GROUP BY country ORDER BY country
SELECT id FROM orders WHERE amount = (SELECT MAX(amount) FROM orders WHERE user_id = 40) AND user_id = 40
SELECT id, sku, price, quantity FROM order_items WHERE user_id = 17 ORDER BY id
SELECT sku, SUM(quantity) FROM order_items WHERE user_id = 17 GROUP BY sku ORDER BY sku
SELECT status, COUNT(*) FROM orders WHERE user_id = 17 GROUP BY status ORDER BY status
SELECT id FROM orders WHERE user_id = 17 AND amount IS NOT NULL ORDER BY amount DESC, id LIMIT 3
SELECT id, sku, price, quantity FROM order_items WHERE user_id = 64 ORDER BY id
SELECT sku, SUM(quantity) FROM order_items WHERE user_id = 64 GROUP BY sku ORDER BY sku
SELECT status, COUNT(*) FROM orders WHERE user_id = 64 GROUP BY status ORDER BY status
SELECT id FROM orders WHERE user_id = 64 AND amount IS NOT NULL ORDER BY amount DESC, id LIMIT 3
SELECT id, sku, price, quantity FROM order_items WHERE user_id = 111 ORDER BY id
SELECT sku, SUM(quantity) FROM order_items WHERE user_id = 111 GROUP BY sku ORDER BY sku
SELECT status, COUNT(*) FROM orders WHERE user_id = 111 GROUP BY status ORDER BY status
SELECT id FROM orders WHERE user_id = 111 AND amount IS NOT NULL ORDER BY amount DESC, id LIMIT 3
SELECT id, sku, price, quantity FROM order_items WHERE user_id = 188 ORDER BY id
SELECT sku, SUM(quantity) FROM order_items WHERE user_id = 188 GROUP BY sku ORDER BY sku
SELECT status, COUNT(*) FROM orders WHERE user_id = 188 GROUP BY status ORDER BY status
SELECT id FROM orders WHERE user_id = 188 AND amount IS NOT NULL ORDER BY amount DESC, id LIMIT 3
SELECT id, user_id FROM orders WHERE id BETWEEN 1 AND 40 ORDER BY id
SELECT COUNT(*), SUM(qty) FROM orders WHERE id BETWEEN 1 AND 40
SELECT id, user_id FROM orders WHERE id BETWEEN 100 AND 160 ORDER BY id
SELECT COUNT(*), SUM(qty) FROM orders WHERE id BETWEEN 100 AND 160
SELECT id, user_id FROM orders WHERE id BETWEEN 1400 AND 1500 ORDER BY id
SELECT COUNT(*), SUM(qty) FROM orders WHERE id BETWEEN 1400 AND 1500
SELECT COUNT(*), AVG(amount) FROM orders WHERE status = 'new'
SELECT id, amount FROM orders WHERE status = 'new' ORDER BY amount DESC, id LIMIT 5 OFFSET 2
SELECT COUNT(*), AVG(amount) FROM orders WHERE status = 'paid'
SELECT id, amount FROM orders WHERE status = 'paid' ORDER BY amount DESC, id LIMIT 5 OFFSET 2
SELECT COUNT(*), AVG(amount) FROM orders WHERE status = 'shipped'
SELECT id, amount FROM orders WHERE status = 'shipped' ORDER BY amount DESC, id LIMIT 5 OFFSET 2
SELECT COUNT(*), AVG(amount) FROM orders WHERE status = 'cancelled'
SELECT id, amount FROM orders WHERE status = 'cancelled' ORDER BY amount DESC, id LIMIT 5 OFFSET 2
SELECT user_id, COUNT(*) FROM order_items WHERE sku = 'sku-0' GROUP BY user_id ORDER BY user_id
SELECT MIN(price), MAX(price), AVG(price), SUM(quantity) FROM order_items WHERE sku = 'sku-0'
SELECT user_id, COUNT(*) FROM order_items WHERE sku = 'sku-13' GROUP BY user_id ORDER BY user_id
SELECT MIN(price), MAX(price), AVG(price), SUM(quantity) FROM order_items WHERE sku = 'sku-13'
SELECT user_id, COUNT(*) FROM order_items WHERE sku = 'sku-39' GROUP BY user_id ORDER BY user_id
SELECT MIN(price), MAX(price), AVG(price), SUM(quantity) FROM order_items WHERE sku = 'sku-39'
[ci] SELECT DISTINCT name FROM users ORDER BY name
[ci] SELECT name, COUNT(*) FROM users GROUP BY name ORDER BY name
[ci] SELECT note, COUNT(*) FROM orders GROUP BY note ORDER BY note
[ci] SELECT DISTINCT note FROM orders ORDER BY note
[ci] SELECT MIN(name), MAX(name) FROM users
