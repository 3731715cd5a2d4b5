# shellcheck shell=bash
# `scripts/hbri cluster`: sourced by scripts/hbri, whose helpers it uses (say, die, setup_all, psql_app, ...).
#
# Two Odoo nodes on this machine (prefork, 2 workers and 1 cron worker each, proxy_mode, one database and one
# data_dir) behind Debian's nginx running docs/nginx/hbri.conf on loopback; the load test of `scripts/hbri load`
# through nginx once per scenario, each on a fresh copy of the load database, with a fault injected during the
# load (none, kill, cron, pg, smtp, invite, pdf: what each does and must keep is in docs/cluster.md and in
# cluster_inject below). Everything started here is stopped on exit, whatever happens. Shell: it only starts
# odoo-bin, nginx and pg_ctl and kills them on purpose, which needs their process groups, not a container tool.

# each node's pid (leader of its process group) is in $CL_DIR/node<n>.pid: the fault injector, a subshell,
# restarts node 1 and the cleanup must find the new one
CL_NGINX_PID=""
CL_INJECTOR_PID=""
CL_PDF_TIMEOUT=15  # seconds: the addon's PDF time limit in the pdf scenario (production: 60)
CL_SMTP_PID=""

cluster_cleanup() {
    # every step may fail (a process already gone, `wait` returning its signal): none may stop the cleanup
    set +e
    [ -n "$CL_INJECTOR_PID" ] && kill "$CL_INJECTOR_PID" 2>/dev/null
    cluster_stop_node 1
    cluster_stop_node 2
    if [ -n "$CL_SMTP_PID" ]; then kill "$CL_SMTP_PID" 2>/dev/null; wait "$CL_SMTP_PID" 2>/dev/null; fi
    if [ -n "$CL_NGINX_PID" ]; then kill -QUIT "$CL_NGINX_PID" 2>/dev/null; wait "$CL_NGINX_PID" 2>/dev/null; fi
}

cluster_node_port() { echo $((CL_PORT + $1)); }      # HTTP: base+1, base+2
cluster_node_ws() { echo $((CL_PORT + 2 + $1)); }    # websocket (gevent): base+3, base+4
cluster_smtp_port() { echo $((CL_PORT + 5)); }       # the SMTP sink: base+5

cluster_start_node() {
    local n=$1 log="$CL_DIR/node$1.log"
    # its own session (setsid): the node's master, HTTP, cron and gevent workers form one process group,
    # killed at once as a machine that dies
    PATH="${CL_NODE_PATH_PREFIX:-}$PATH" setsid "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$CL_DB" --db-filter "^$CL_DB\$" \
        --workers 2 --max-cron-threads 1 --limit-time-real-cron 1800 --proxy-mode --http-interface 127.0.0.1 \
        --smtp 127.0.0.1 --smtp-port "$(cluster_smtp_port)" \
        --http-port "$(cluster_node_port "$n")" --gevent-port "$(cluster_node_ws "$n")" --logfile "$log" &
    echo $! >"$CL_DIR/node$n.pid"
}

cluster_node_pid() { cat "$CL_DIR/node$1.pid" 2>/dev/null || true; }

cluster_stop_node() {
    local n=$1 pid waited=0
    pid=$(cluster_node_pid "$n")
    [ -n "$pid" ] || return 0
    kill -TERM -- "-$pid" 2>/dev/null
    while kill -0 -- "-$pid" 2>/dev/null && [ $waited -lt 30 ]; do sleep 0.5; waited=$((waited + 1)); done
    kill -KILL -- "-$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rm -f "$CL_DIR/node$n.pid"
    true
}

cluster_until() {
    # $1: seconds; the rest: a command tried every half second until it succeeds (status 1 after $1 seconds)
    local limit=$(($1 * 2)) tries=0
    shift
    until "$@"; do [ $((tries += 1)) -le $limit ] || return 1; sleep 0.5; done
}

# the login page answers (through the database): the node serves requests again
cluster_page_ok() { curl -sfLo /dev/null -m 5 "http://127.0.0.1:$(cluster_node_port "$1")/web/login"; }
cluster_wait_node() { cluster_until "${2:-180}" cluster_page_ok "$1"; }
cluster_sql() { psql_app -tAc "$1" "$CL_DB"; }
cluster_sql_is() { [ "$(cluster_sql "$2")" = "$1" ]; }
cluster_sql_not() { [ "$(cluster_sql "$2")" != "$1" ]; }
cluster_param() {
    psql_app -qc "INSERT INTO ir_config_parameter (key, value, create_date, write_date) VALUES ('$1', '$2', now(), now())
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value" "$CL_DB" >/dev/null
}

cluster_event() { printf '%s %s\n' "$1" "$(date +%s.%N)" >>"$CL_EVENTS"; }

cluster_trigger_cron() {
    # $1: the cron's XML id (module.name); one trigger due now and one notification: every node's cron worker
    # wakes at the same moment, as when the job falls due
    local module=${1%%.*} name=${1#*.} cron_id
    cron_id=$(cluster_sql "SELECT res_id FROM ir_model_data WHERE module = '$module' AND name = '$name'")
    psql_app -qc "UPDATE ir_cron SET active = true WHERE id = $cron_id;
        INSERT INTO ir_cron_trigger (cron_id, call_at) VALUES ($cron_id, now() AT TIME ZONE 'UTC');
        SELECT pg_notify('cron_trigger', '$CL_DB');" "$CL_DB" >/dev/null
}

cluster_inject() {
    # runs in the background during the load; writes its events (name, wall-clock time) to $CL_EVENTS
    local fault=$1
    cluster_until 300 test -s "$CL_DIR/started" || return 1
    sleep "$2"
    case $fault in
        kill)  # node 1 killed (SIGKILL of its process group), restarted 5 s later
            cluster_event fault
            kill -KILL -- "-$(cluster_node_pid 1)" 2>/dev/null
            say "cluster: node 1 killed (SIGKILL); restarted in 5 s"
            sleep 5
            cluster_start_node 1
            cluster_wait_node 1 120 && cluster_event recovered
            ;;
        cron)  # the daily membership job due on both nodes at the same moment: it must run once
            cluster_event fault
            cluster_trigger_cron hbri_partnership.ir_cron_hbri_membership_update
            say "cluster: the daily membership job triggered on both nodes"
            sleep 15
            cluster_event recovered
            ;;
        pg)  # PostgreSQL restarted (fast)
            cluster_event fault
            as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w restart -l "$(pg_base)/postgresql.log" >/dev/null
            cluster_event pg_up
            say "cluster: PostgreSQL restarted"
            cluster_wait_node 1 120 && cluster_wait_node 2 120 && cluster_event recovered
            ;;
        smtp)
            # the relay has refused since before the run (the flag file); the mail queue runs while it refuses,
            # then the relay accepts again: the e-mails it refused wait for their next attempt (the addon's retry,
            # with the short delays set for the cluster) and the queue's job runs again by itself when it is due
            local lastcall queue_job="SELECT lastcall FROM ir_cron c JOIN ir_model_data d ON d.res_id = c.id
                AND d.module = 'mail' AND d.name = 'ir_cron_mail_scheduler_action'"
            lastcall=$(cluster_sql "$queue_job")
            cluster_event fault
            cluster_trigger_cron mail.ir_cron_mail_scheduler_action
            # the relay refuses until the queue has really run against it (a fresh database's cron workers
            # first run every other due job)
            cluster_until 60 cluster_sql_not "$lastcall" "$queue_job" || true
            cluster_event queue_ran_refused
            cluster_sql "SELECT 'after the refused run: ' || state || ' ' || coalesce(hbri_retry_state, '-') || ' '
                || count(*) FROM mail_mail GROUP BY state, hbri_retry_state ORDER BY 1" >"$out/mail-queue-refused.txt"
            # who each refused e-mail is for (recipient and subject): the sink must receive each exactly once
            cluster_sql "SELECT lower(coalesce(p.email, mm.email_to)) || E'\t' || coalesce(m.subject, '')
                FROM mail_mail mm JOIN mail_message m ON m.id = mm.mail_message_id
                LEFT JOIN mail_mail_res_partner_rel r ON r.mail_mail_id = mm.id
                LEFT JOIN res_partner p ON p.id = r.res_partner_id
                WHERE mm.state = 'exception' AND mm.hbri_retry_state IS NOT NULL ORDER BY 1" >"$out/mail-refused.txt"
            rm -f "$CL_DIR/smtp.refuse"
            cluster_event accepting
            say "cluster: the SMTP relay accepts mail again; $(wc -l <"$out/mail-refused.txt") refused e-mail(s) wait for their next attempt"
            cluster_until 240 cluster_sql_is 0 "SELECT count(*) FROM mail_mail WHERE state = 'outgoing'
                OR (state = 'exception' AND hbri_retry_state = 'waiting')" || true
            cluster_event recovered
            ;;
        invite)  # *Invite members* of 300 more members sent to node 1, killed during it; the click again
            local session call_pid
            odoo_py load_data.py -c "$CONF" -d "$CL_DB" --plan "$out/bulk.json" --logfile "$out/bulk.log" bulk --count 300 >&2
            session=$("$LOAD_VENV/bin/python" -c "import json, sys; print(json.load(open(sys.argv[1]))['session_id'])" \
                "$out/bulk.json")
            local invite=(load_py load.py --db "$CL_DB" --login load_staff00 --password load-staff-00 --invite "$session")
            "${invite[@]}" --click "http://127.0.0.1:$(cluster_node_port 1)" >"$out/invite-1.txt" 2>&1 &
            call_pid=$!
            cluster_until 120 grep -q calling "$out/invite-1.txt" || true
            sleep 1
            cluster_event fault
            kill -KILL -- "-$(cluster_node_pid 1)" 2>/dev/null
            say "cluster: node 1 killed during Invite members of 300; restarted in 5 s"
            wait "$call_pid" || true
            sleep 5
            cluster_start_node 1
            cluster_wait_node 1 120 && cluster_event node_up
            "${invite[@]}" --click "http://127.0.0.1:$CL_PORT" >"$out/invite-2.txt" 2>&1 || true
            cluster_trigger_cron mail.ir_cron_mail_scheduler_action
            cluster_until 90 cluster_sql_is 0 "SELECT count(*) FROM mail_mail WHERE state = 'outgoing'" || true
            cluster_event recovered
            echo "$session" >"$out/bulk-session"
            ;;
        pdf)  # wkhtmltopdf hangs (a wrapper, see cluster_scenario): an administrator prints a PDF, twice
            local pdf=(load_py load.py --db "$CL_DB" --login admin
                --password admin --click "http://127.0.0.1:$CL_PORT" --timeout 200
                --pdf "/report/pdf/base.report_irmodulereference/1")
            cluster_event fault
            "${pdf[@]}" >"$out/pdf-1.txt" 2>&1 || true
            cluster_event recovered
            "${pdf[@]}" >"$out/pdf-2.txt" 2>&1 || true
            ;;
    esac
}

cluster_scenario() {
    local fault=$1 n
    local out="$CL_DIR/$fault"
    mkdir -p "$out"
    rm -f "$out"/* "$CL_DIR/started"
    CL_EVENTS="$out/events"
    : >"$CL_EVENTS"
    say "cluster: scenario '$fault' on a fresh copy $CL_DB (files: $out)"
    load_fresh_db "$CL_DB"
    local data=(odoo_py load_data.py -c "$CONF" -d "$CL_DB" --plan "$out/plan.json")
    "${data[@]}" prepare --reps "$CL_REPS" --staff "$CL_STAFF" \
        --sessions 3 --base-url "http://127.0.0.1:$CL_PORT" --logfile "$out/prepare.log" \
        || die "preparing $CL_DB failed; see $out/prepare.log"
    # the addon's retry of e-mails the relay refused: 6 s, 15 s, 30 s and 60 s here instead of minutes to hours
    cluster_param hbri_partnership.mail_retry_delays 0.1,0.25,0.5,1
    CL_NODE_PATH_PREFIX=""
    if [ "$fault" = pdf ]; then
        # wkhtmltopdf answers --version (Odoo asks it when it starts) and hangs on any real work
        mkdir -p "$CL_DIR/hang-bin"
        # shellcheck disable=SC2016  # "$1" is the wrapper's own argument, not this script's
        printf '#!/bin/sh\n[ "$1" = --version ] && exec %s --version\nsleep 600\n' "$(command -v wkhtmltopdf || echo /usr/bin/wkhtmltopdf)" \
            >"$CL_DIR/hang-bin/wkhtmltopdf"
        chmod +x "$CL_DIR/hang-bin/wkhtmltopdf"
        # production's limits (limit_time_real 120 s): a shorter one kills the idle cron workers, which sleep up
        # to 69 s between two polls, and the staff's simultaneous *Invite members* queued behind one another;
        # the addon's own PDF time limit is shortened instead (hbri_partnership.pdf_timeout)
        CL_NODE_PATH_PREFIX="$CL_DIR/hang-bin:"
        cluster_param hbri_partnership.pdf_timeout "$CL_PDF_TIMEOUT"
    fi
    for n in 1 2; do : >"$CL_DIR/node$n.log"; cluster_start_node "$n"; done
    for n in 1 2; do cluster_wait_node "$n" 180 || die "node $n did not start; see $CL_DIR/node$n.log"; done
    rm -f "$CL_DIR/smtp.refuse" "$CL_DIR/smtp-messages.jsonl"
    [ "$fault" = smtp ] && touch "$CL_DIR/smtp.refuse"
    local first_line
    first_line=$(($(wc -l <"$CL_DIR/access.log") + 1))
    if [ "$fault" != none ]; then
        cluster_inject "$fault" "$((CL_DURATION / 3))" &
        CL_INJECTOR_PID=$!
    fi
    load_py load.py --plan "$out/plan.json" --results "$out/results.json" \
        --duration "$CL_DURATION" --think "$CL_THINK" --started-file "$CL_DIR/started" >"$out/load.txt" || true
    cat "$out/load.txt"
    if [ -n "$CL_INJECTOR_PID" ]; then
        wait "$CL_INJECTOR_PID" || true
        CL_INJECTOR_PID=""
    fi
    sleep 2
    for n in 1 2; do cluster_stop_node "$n"; done
    tail -n +"$first_line" "$CL_DIR/access.log" >"$out/access.log"
    cp "$CL_DIR/started" "$CL_DIR/smtp-messages.jsonl" "$out/" 2>/dev/null || true  # none when nothing was mailed
    # the mail queue after the run: state of every e-mail (sent ones may be deleted: auto_delete)
    cluster_sql "SELECT state || ' ' || coalesce(failure_type, '-') || ' ' || coalesce(hbri_retry_state, '-') || ' '
        || count(*) FROM mail_mail GROUP BY state, failure_type, hbri_retry_state ORDER BY 1" >"$out/mail-queue.txt"
    # the interrupted invitation: attendee rows of the bulk session, people, invitations marked sent
    [ -f "$out/bulk-session" ] && cluster_sql "SELECT count(*) || ' rows, ' || count(DISTINCT partner_id)
        || ' people, ' || count(*) FILTER (WHERE invitation_sent) || ' marked invited'
        FROM hbri_session_attendee WHERE session_id = $(cat "$out/bulk-session")" >"$out/invite-rows.txt"
    cat "$CL_DIR/node1.log" "$CL_DIR/node2.log" >"$out/odoo.log"
    cp "$CL_DIR/node1.log" "$CL_DIR/node2.log" "$out/"
    # the errors users saw and what Odoo logs because of the fault are the fault's own (load_data.py check: from the
    # kill or the restart until both nodes serve again and 5 s more, the PDF time limit's message)
    "${data[@]}" check --results "$out/results.json" --odoo-log "$out/odoo.log" --logfile "$out/prepare.log" \
        --summary "$out/check.json" --fault "$fault" --fault-events "$CL_EVENTS" >"$out/check.txt" 2>&1 || true
    cat "$out/check.txt"
}

cmd_cluster() {
    CL_DURATION=60 CL_REPS=20 CL_STAFF=5 CL_THINK=0.5
    local faults=none fault started_at
    started_at=$(date +%s)
    while [ $# -gt 0 ]; do
        case $1 in
            # CI's variant: one fault (the relay refusing, then accepting) for 60 s, every check judged
            --short) CL_DURATION=60; faults=smtp; shift ;;
            --duration) CL_DURATION=$2; shift 2 ;;
            # --faults alone (or --faults all): every fault, after the run without one
            --faults)
                if [ $# -lt 2 ] || [[ $2 == -* ]]; then faults=all; shift; else faults=$2; shift 2; fi
                ;;
            --reps) CL_REPS=$2; shift 2 ;;
            --staff) CL_STAFF=$2; shift 2 ;;
            --think) CL_THINK=$2; shift 2 ;;
            *) die "unknown option of cluster: $1" ;;
        esac
    done
    positive cluster "$CL_DURATION" "$CL_REPS" "$CL_STAFF"
    [ "$CL_DURATION" -ge 15 ] && [ "$CL_DURATION" -le 600 ] || die "--duration is between 15 and 600 seconds"
    [[ $CL_THINK =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--think takes seconds, e.g. 0.5"
    [ "$faults" = all ] && faults=none,kill,cron,pg,smtp,invite,pdf
    [[ $faults =~ ^(none|kill|cron|pg|smtp|invite|pdf)(,(none|kill|cron|pg|smtp|invite|pdf))*$ ]] \
        || die "--faults takes all or a list of none, kill, cron, pg, smtp, invite, pdf separated by commas"
    CL_PORT=${HBRI_CLUSTER_PORT:-8290}
    [ "$CL_PORT" -ge 1024 ] && [ "$CL_PORT" -le 65529 ] || die "HBRI_CLUSTER_PORT takes a port from 1024 to 65529"
    CL_DB=hbri_cluster
    CL_DIR="$STATE/cluster"
    mkdir -p "$CL_DIR/nginx/tmp" "$STATE/logs"
    on_exit cluster_cleanup
    setup_all
    ensure_load_venv
    local nginx_bin
    nginx_bin=$(command -v nginx || command -v /usr/sbin/nginx) || die "nginx is not installed (Debian's nginx-light)."
    write_conf "$(cluster_node_port 1)"
    # nginx runs the repository's configuration, its placeholders filled in, in the foreground (its own pid,
    # logs and temporary files in the state folder), on loopback only
    sed -e "s|@PREFIX@|$CL_DIR/nginx|g" -e "s|@LISTEN@|127.0.0.1:$CL_PORT|g" \
        -e "s|@NODE1@|127.0.0.1:$(cluster_node_port 1)|g" -e "s|@NODE2@|127.0.0.1:$(cluster_node_port 2)|g" \
        -e "s|@NODE1_WS@|127.0.0.1:$(cluster_node_ws 1)|g" -e "s|@NODE2_WS@|127.0.0.1:$(cluster_node_ws 2)|g" \
        "$REPO/docs/nginx/hbri.conf" >"$CL_DIR/nginx/nginx.conf"
    local nginx=("$nginx_bin" -p "$CL_DIR/nginx" -c "$CL_DIR/nginx/nginx.conf" -e "$CL_DIR/nginx/error.log")
    "${nginx[@]}" -t -q || die "nginx refuses $CL_DIR/nginx/nginx.conf"
    : >"$CL_DIR/nginx/access.log"
    ln -sf "$CL_DIR/nginx/access.log" "$CL_DIR/access.log"
    "${nginx[@]}" -g "daemon off;" &
    CL_NGINX_PID=$!
    # the sink's own process, not a subshell around it (load_py): the cleanup's kill must reach it
    "$LOAD_VENV/bin/python" "$REPO/scripts/smtp_sink.py" --port "$(cluster_smtp_port)" \
        --messages "$CL_DIR/smtp-messages.jsonl" --refuse-flag "$CL_DIR/smtp.refuse" &
    CL_SMTP_PID=$!
    say "cluster: nginx on 127.0.0.1:$CL_PORT -> nodes 127.0.0.1:$(cluster_node_port 1) and :$(cluster_node_port 2)"
    local dirs=()
    for fault in ${faults//,/ }; do
        cluster_scenario "$fault" || true  # judged at the end, with the others
        dirs+=("$CL_DIR/$fault")
    done
    say "cluster: $(($(date +%s) - started_at)) s, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    # every scenario judged: rows lost or doubled, last answers, e-mails received twice, the errors users saw and
    # Odoo's log lines the fault does not explain, and the fault's own promise (docs/cluster.md, "Verdict")
    load_py cluster_report.py "${dirs[@]}" \
        --upstreams "127.0.0.1:$(cluster_node_port 1)=node1,127.0.0.1:$(cluster_node_port 2)=node2"
}
