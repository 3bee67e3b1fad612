-- tolkreg schema 6: the generation of the register. Every change to what
-- the public register search and the matching core read about
-- interpreters (the interpreter row, its listing events, warnings,
-- credentials and derived qualifications) moves the generation on in
-- the same transaction, so that a long-lived process (tolkregd, the
-- matching core) can keep what it read and know with one indexed read
-- whether that still holds. Bookings do not move it.

CREATE TABLE register_gen (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	gen		INTEGER NOT NULL
);
INSERT INTO register_gen (id, gen) VALUES (1, 0);

CREATE TRIGGER register_gen_interpreter_i AFTER INSERT ON interpreter
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER register_gen_interpreter_u AFTER UPDATE ON interpreter
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER register_gen_interpreter_d AFTER DELETE ON interpreter
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER register_gen_qualification_i AFTER INSERT ON qualification
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER register_gen_qualification_u AFTER UPDATE ON qualification
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER register_gen_qualification_d AFTER DELETE ON qualification
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER register_gen_credential_i AFTER INSERT ON credential
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER register_gen_credential_u AFTER UPDATE ON credential
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER register_gen_credential_d AFTER DELETE ON credential
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER register_gen_listing_i AFTER INSERT ON listing_event
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER register_gen_warning_i AFTER INSERT ON warning
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;
CREATE TRIGGER register_gen_warning_d AFTER DELETE ON warning
BEGIN UPDATE register_gen SET gen = gen + 1 WHERE id = 1; END;
