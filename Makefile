# coso — build with make + pkg-config. `make run` and `make test` install what
# is missing first (scripts/deps.sh).
PKGS      := libmicrohttpd sqlite3 libpq libsodium jansson libutf8proc zlib libcurl expat libzip libxml-2.0 \
             libcmark libmagic xlsxwriter cairo pangocairo libqrencode openssl espeak-ng vorbisenc vorbis ogg
CC        ?= cc
OPT       ?= -O2 -g
WARN      := -std=c17 -Wall -Wextra -Wformat=2 -Wstrict-prototypes -Wno-unused-parameter -Werror
CFLAGS_ALL = $(OPT) $(WARN) -D_GNU_SOURCE -fvisibility=hidden $(shell pkg-config --cflags $(PKGS)) $(EXTRA_CFLAGS)
LIBS       = $(shell pkg-config --libs $(PKGS)) -lpthread -lm

B         ?= build
SRC       := $(shell find src -name '*.c' | sort)
EMBED     := templates/layout.html static/style.css docs/openapi.json data/units_vn_2025.csv \
             data/disclosure_items.csv data/resolutions/bac-ninh-2025.txt data/resolutions/na-ri-2024.txt data/contests/luat-dan-chu-co-so.csv data/scorecards/tiep-can-phap-luat.csv data/notify/templates.txt \
             data/cases/rules.txt data/cases/categories.txt data/consult/subjects.txt data/consult/demo-quy-che.md data/boards/rules.txt \
             $(sort $(wildcard sql/migrations/*.sql))
OBJ       := $(SRC:%.c=$(B)/%.o) $(B)/gen/embed.o
LIBOBJ    := $(filter-out $(B)/src/main.o,$(OBJ))
DEPS      := $(OBJ:.o=.d)

DB_DEMO   ?= var/demo.db
LISTEN    ?= 127.0.0.1:8080

.PHONY: all run test deps deps-test unit bench fuzz lint clean print-pkgs schema
all: $(B)/coso

deps:
	@scripts/deps.sh run
deps-test:
	@scripts/deps.sh test

$(B)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	@$(CC) -O1 -o $@ $<

# the list of embedded files: a file added or removed rebuilds the embedding
$(B)/gen/embed.list: FORCE
	@mkdir -p $(dir $@)
	@echo '$(EMBED)' | cmp -s - $@ || echo '$(EMBED)' >$@

$(B)/gen/embed.c: $(B)/tools/embed $(EMBED) $(B)/gen/embed.list
	@mkdir -p $(dir $@)
	@$(B)/tools/embed $@ $(EMBED)

FORCE:

$(B)/gen/embed.o: $(B)/gen/embed.c
	@$(CC) $(OPT) -std=c17 -Isrc/util -c -o $@ $<

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"
	@$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(B)/coso: $(OBJ)
	@echo "  LD  $@"
	@$(CC) $(OPT) $(EXTRA_LDFLAGS) -o $@ $(OBJ) $(LIBS)

$(B)/libcoso.a: $(LIBOBJ)
	@rm -f $@ && ar rcs $@ $(LIBOBJ)

-include $(DEPS)

# ---- run: install, build, create the demo database once, serve ----
run: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p var
	@if [ ! -f $(DB_DEMO) ]; then echo "Creating $(DB_DEMO) (demo province Bắc Ninh)..."; \
	  $(B)/coso init --db $(DB_DEMO) --demo || { rm -f $(DB_DEMO); exit 1; }; \
	else $(B)/coso init --db $(DB_DEMO) >/dev/null; fi
	@echo
	@echo "coso is serving http://$(LISTEN)/"
	@echo "Demo accounts (password: coso-demo-2025):"
	@echo "  sysadmin, admin.bacninh, giamsat.bacninh (province supervisor)"
	@echo "  phường Kinh Bắc (09187): chutich.kinhbac canbo.kinhbac mattran.kinhbac thanhtra.kinhbac"
	@echo "                           giamsat.kinhbac totruong.kinhbac dan.kinhbac thutruong.kinhbac congdoan.kinhbac"
	@echo "  xã Lục Ngạn (07582):     chutich.lucngan canbo.lucngan mattran.lucngan thanhtra.lucngan"
	@echo "                           giamsat.lucngan truongthon.lucngan dan.lucngan thutruong.lucngan congdoan.lucngan"
	@echo "Open311 (http://$(LISTEN)/open311/v2/discovery.json): api_key=coso-demo-open311-2026"
	@echo
	@exec $(B)/coso serve --db $(DB_DEMO) --listen $(LISTEN)

# ---- tests ----
lint:
	@scripts/lint.sh

test: deps-test
	@$(MAKE) --no-print-directory lint all
	@tests/run-all.sh

bench:
	@bench/run.sh

fuzz: deps-test
	@tests/fuzz/run.sh $${FUZZ_SECONDS:-60}

print-pkgs:
	@echo $(PKGS)

# sql/schema.sql and sql/schema.pg.sql: the schema a fresh `coso init` makes,
# to read in one place (a test keeps them equal to what the migrations make)
schema: deps-test all
	@tools/schema.sh sqlite >sql/schema.sql
	@d=$$(mktemp -d /tmp/coso-schema-pg.XXXXXX); chmod 755 $$d; p=$$(shuf -i 20000-39999 -n 1); \
	  tests/pg.sh start $$d/pg $$p && tools/schema.sh pg postgresql://coso@127.0.0.1:$$p >sql/schema.pg.sql; \
	  rc=$$?; tests/pg.sh stop $$d/pg; rm -rf $$d; exit $$rc
	@echo "sql/schema.sql and sql/schema.pg.sql written"

unit: $(B)/libcoso.a
	@tests/unit/run.sh $(B)

clean:
	rm -rf build
