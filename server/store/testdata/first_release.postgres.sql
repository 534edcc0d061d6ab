-- The first release's database on PostgreSQL: written by the store code of commit bcf5e92 with
-- testdata/first_release_writer.go.txt, dumped with pg_dump --inserts --schema=public, with the
-- schema name and the session settings taken out so it loads into any schema.
CREATE TABLE applied_mutations (
    user_id bigint NOT NULL,
    mutation_id character varying(128) NOT NULL,
    fingerprint character varying(64) NOT NULL,
    order_id character varying(64) NOT NULL,
    version bigint NOT NULL,
    merged boolean NOT NULL,
    created_at timestamp with time zone
);

CREATE TABLE orders (
    user_id bigint NOT NULL,
    order_id character varying(64) NOT NULL,
    version bigint NOT NULL,
    deleted boolean NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    order_json text NOT NULL,
    received boolean,
    dispute_opened boolean NOT NULL,
    archived boolean NOT NULL,
    note text NOT NULL,
    conflicts_json text NOT NULL,
    v_order bigint NOT NULL,
    v_received bigint NOT NULL,
    v_dispute_opened bigint NOT NULL,
    v_archived bigint NOT NULL,
    v_note bigint NOT NULL,
    v_deleted bigint NOT NULL,
    d_status character varying(32) NOT NULL,
    d_stage character varying(32) NOT NULL,
    d_verdict character varying(32) NOT NULL,
    d_days_since_update bigint,
    d_protection_deadline timestamp with time zone
);

CREATE TABLE refresh_tokens (
    id bigint NOT NULL,
    session_id character varying(64) NOT NULL,
    user_id bigint NOT NULL,
    hash character varying(64) NOT NULL,
    parent_id bigint,
    expires_at timestamp with time zone,
    used_at timestamp with time zone,
    created_at timestamp with time zone
);

CREATE SEQUENCE refresh_tokens_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE refresh_tokens_id_seq OWNED BY refresh_tokens.id;

CREATE TABLE schema_migrations (
    version bigint NOT NULL,
    applied_at timestamp with time zone
);

CREATE TABLE sessions (
    id character varying(64) NOT NULL,
    user_id bigint NOT NULL,
    created_at timestamp with time zone,
    revoked_at timestamp with time zone
);

CREATE TABLE users (
    id bigint NOT NULL,
    email character varying(254) NOT NULL,
    password_hash character varying(256) NOT NULL,
    seq bigint NOT NULL,
    horizon bigint NOT NULL,
    created_at timestamp with time zone
);

CREATE SEQUENCE users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE users_id_seq OWNED BY users.id;

ALTER TABLE ONLY refresh_tokens ALTER COLUMN id SET DEFAULT nextval('refresh_tokens_id_seq'::regclass);

ALTER TABLE ONLY users ALTER COLUMN id SET DEFAULT nextval('users_id_seq'::regclass);

INSERT INTO applied_mutations VALUES (1, 'm-1', 'a461b472cb41a9ec3dee5c90cf8e4a78252c9d82319adf75830031b8c309bfc6', '8214937669763641', 1, false, '2026-03-08 12:00:00+00');
INSERT INTO applied_mutations VALUES (1, 'm-2', '8ae2a41095969ce3ebefc08446532811f94c840741cdcb845bc041936ef60523', '8214937669763642', 2, false, '2026-03-08 12:00:00+00');
INSERT INTO applied_mutations VALUES (1, 'm-3', '6a7199fb975097d0335b121ef4a2179775fc23a2ef3a3bfff573c19b1e37c525', 'manual-3b241101-e2bb-4255-8caf-4136c566a962', 3, false, '2026-03-08 12:00:00+00');
INSERT INTO applied_mutations VALUES (1, 'm-4', '65c0a26039d777ae2ef7c60e92e3ef7b26bdc98ab49d9377709095d4556a47d5', '8214937669763643', 4, false, '2026-03-08 12:00:00+00');
INSERT INTO applied_mutations VALUES (1, 'm-5', 'c125b9b35c715b53d714558773836920942272d0dc7ac13e6f9e6fed76cf03ec', '8214937669763642', 5, false, '2026-03-08 12:01:00+00');
INSERT INTO applied_mutations VALUES (2, 'm-1', '94ace4b1f915c1541249a217711a7e6d0e950f3c0048672a21ab7b456b3b90e9', '8214937669763641', 1, false, '2026-03-08 12:00:00+00');

INSERT INTO orders VALUES (1, '8214937669763641', 1, false, '2026-03-08 12:00:00+00', '{"order_id":"8214937669763641","store":"Магазин электроники","status_text":"Ожидает получения","shipping_method":"AliExpress Standard Shipping","total":"1 234,56 ₽","items":[{"title":"Беспроводные наушники","quantity":1,"price":"1 234,56 ₽","sku":"Цвет: чёрный"}],"protection":{"days_left":12},"parcels":[{"numbers":[{"number":"LP00123456789012","carrier":"Cainiao","role":"origin"}],"events":[{"time":"2026-02-26T12:00:00Z","text":"Accepted by carrier","location":"Shenzhen"},{"time":"2026-03-05T12:00:00Z","text":"Прибыло в сортировочный центр","location":"Москва"}]}],"buyer":{"country":"RU","lang":"ru"}}', NULL, false, false, 'заметка', '', 1, 0, 0, 0, 1, 0, 'unknown', 'unknown', 'normal', NULL, NULL);
INSERT INTO orders VALUES (1, 'manual-3b241101-e2bb-4255-8caf-4136c566a962', 3, false, '2026-03-08 12:00:00+00', '', NULL, false, false, 'from a number', '', 0, 0, 0, 0, 3, 0, 'unknown', 'unknown', 'normal', NULL, NULL);
INSERT INTO orders VALUES (1, '8214937669763642', 5, false, '2026-03-08 12:01:00+00', '{"order_id":"8214937669763642","store":"深圳商店","parcels":[{"numbers":[{"number":"RB123456785GB"}],"events":[{"time":"2026-03-07T12:00:00Z","text":"החבילה נמסרה","location":"תל אביב"}]}]}', true, false, false, 'second browser', '[{"field":"note","lost_value":"old note","device_id":"dev-b","at":"2026-03-08T12:00:00Z"}]', 2, 2, 0, 0, 5, 0, 'unknown', 'unknown', 'normal', NULL, NULL);
INSERT INTO orders VALUES (1, '8214937669763643', 6, true, '2026-03-08 12:02:00+00', '', NULL, false, false, '', '', 6, 6, 6, 6, 6, 6, '', '', '', NULL, NULL);
INSERT INTO orders VALUES (2, '8214937669763641', 1, false, '2026-03-08 12:00:00+00', '{"order_id":"8214937669763641","store":"Other"}', NULL, true, false, '', '', 1, 0, 1, 0, 0, 0, 'unknown', 'unknown', 'normal', NULL, NULL);

INSERT INTO refresh_tokens VALUES (1, '1d979dbe-c634-4e38-af90-7d3db8ff45cc', 1, '971e08edb15325313f21169a066470c1093b4b86362224333ed003a38f648e00', NULL, '2026-04-07 12:00:00+00', '2026-03-08 13:00:00+00', '2026-03-08 12:00:00+00');
INSERT INTO refresh_tokens VALUES (2, '1d979dbe-c634-4e38-af90-7d3db8ff45cc', 1, 'b4ae12a4d4ec7f88a1ab198545c50f7c167668215bdbc44dffb4d87a71fb4585', 1, '2026-04-08 12:00:00+00', NULL, '2026-03-08 13:00:00+00');
INSERT INTO refresh_tokens VALUES (3, '5c18247c-d4d9-4fcd-a3b8-17ac4fdd188a', 2, 'dd2c290db7c7c26b75442295e3b70e79f825d70b8b51e4fda5468f5b047c2d4e', NULL, '2026-04-07 12:00:00+00', NULL, '2026-03-08 12:00:00+00');

INSERT INTO schema_migrations VALUES (1, '2026-12-06 00:38:15.621512+00');

INSERT INTO sessions VALUES ('1d979dbe-c634-4e38-af90-7d3db8ff45cc', 1, '2026-03-08 12:00:00+00', NULL);
INSERT INTO sessions VALUES ('5c18247c-d4d9-4fcd-a3b8-17ac4fdd188a', 2, '2026-03-08 12:00:00+00', '2026-03-08 14:00:00+00');

INSERT INTO users VALUES (1, 'a@example.com', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', 6, 0, '2026-03-08 12:00:00+00');
INSERT INTO users VALUES (2, 'b@example.com', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaEI', 1, 0, '2026-03-08 12:00:00+00');

SELECT pg_catalog.setval('refresh_tokens_id_seq', 3, true);

SELECT pg_catalog.setval('users_id_seq', 2, true);

ALTER TABLE ONLY applied_mutations
    ADD CONSTRAINT applied_mutations_pkey PRIMARY KEY (user_id, mutation_id);

ALTER TABLE ONLY orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (user_id, order_id);

ALTER TABLE ONLY refresh_tokens
    ADD CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id);

ALTER TABLE ONLY schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

ALTER TABLE ONLY sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX idx_refresh_tokens_hash ON refresh_tokens USING btree (hash);

CREATE INDEX idx_refresh_tokens_session_id ON refresh_tokens USING btree (session_id);

CREATE INDEX idx_refresh_tokens_user_id ON refresh_tokens USING btree (user_id);

CREATE INDEX idx_sessions_user_id ON sessions USING btree (user_id);

CREATE UNIQUE INDEX idx_users_email ON users USING btree (email);

CREATE UNIQUE INDEX orders_user_version ON orders USING btree (user_id, version);
