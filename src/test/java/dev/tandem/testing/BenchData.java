package dev.tandem.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The read-path benchmark's data, written with SQL as the database superuser (row-level security
 * does not apply to it): simulated tenants for the scale phase and a long question history. Kept
 * here, beside the schema's tests, so that a migration the SQL no longer fits fails {@code
 * BenchDataTest} instead of the next benchmark run. The caller commits (the benchmark) or rolls
 * back (the test).
 */
public final class BenchData {
  private BenchData() {}

  /**
   * Writes {@code n} simulated tenants (ids {@code sim-0001}…), each with 20 customer
   * organizations, 3 services with one released version each (a copy of {@code tenant}'s released
   * version {@code version} of {@code service} with its statements) and a grant of every service to
   * every organization. Their realms do not exist: for the benchmark only, never a real tenant.
   */
  public static void simulateTenants(
      Connection c, String tenant, String service, int version, int n) throws SQLException {
    try (Statement s = c.createStatement()) {
      // Written as released data, not through the draft lifecycle: the triggers (drafts only,
      // change feed) are skipped for this session (superuser only).
      s.execute("SET session_replication_role = replica");
      s.execute(
          "CREATE TEMP TABLE sim AS SELECT 'sim-' || lpad(g::text, 4, '0') AS id, g"
              + " FROM generate_series(1, "
              + n
              + ") g");
      s.execute(
          "CREATE TEMP TABLE sim_version AS SELECT * FROM statement_version"
              + " WHERE tenant_id = '"
              + tenant
              + "' AND service_id = '"
              + service
              + "' AND number = "
              + version);
      s.execute(
          "INSERT INTO tenant (id, display_name, status, listed, definition,"
              + " definition_hash) SELECT sim.id, 'Simulated tenant ' || sim.g, 'ACTIVE', false,"
              + " jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(t.definition - 'branding',"
              + " '{id}', to_jsonb(sim.id)), '{displayName}', to_jsonb('Simulated tenant ' || sim.g)),"
              + " '{identity,realm}', to_jsonb('tandem-' || sim.id)), '{customers}', (SELECT"
              + " jsonb_agg(jsonb_build_object('id', 'org-' || lpad(o::text, 2, '0'), 'name',"
              + " 'Organization ' || o)) FROM generate_series(1, 20) o)), '{services}', (SELECT"
              + " jsonb_agg(jsonb_build_object('id', 'service-' || k, 'name', 'Service ' || k,"
              + " 'catalog', v.catalog_id, 'description', 'Simulated.')) FROM generate_series(1, 3)"
              + " k)), md5(sim.id) FROM sim, tenant t, sim_version v WHERE t.id = '"
              + tenant
              + "'");
      s.execute("INSERT INTO audit_head (tenant_id, last_number) SELECT id, 0 FROM sim");
      s.execute(
          "INSERT INTO cloud_service (tenant_id, id, name, catalog_id, description)"
              + " SELECT sim.id, 'service-' || k, 'Service ' || k, v.catalog_id, 'Simulated.'"
              + " FROM sim, generate_series(1, 3) k, sim_version v");
      s.execute(
          "INSERT INTO customer_organization (tenant_id, id, name) SELECT sim.id,"
              + " 'org-' || lpad(o::text, 2, '0'), 'Organization ' || o FROM sim,"
              + " generate_series(1, 20) o");
      s.execute(
          "INSERT INTO statement_version (tenant_id, id, service_id, catalog_id, number,"
              + " status, changelog, created_by, created_by_name, created_at, submitted_by,"
              + " submitted_by_name, submitted_at, published_by, published_by_name, published_at,"
              + " content_hash, export_json) SELECT sim.id, gen_random_uuid(), 'service-' || k,"
              + " v.catalog_id, 1, 'PUBLISHED', v.changelog, v.created_by, v.created_by_name,"
              + " v.created_at, v.submitted_by, v.submitted_by_name, v.submitted_at,"
              + " v.published_by, v.published_by_name, v.published_at, v.content_hash,"
              + " v.export_json FROM sim, generate_series(1, 3) k,"
              + " sim_version v");
      s.execute(
          "INSERT INTO statement (tenant_id, id, version_id, control_id, applicable,"
              + " justification, responsibility, implementation, customer_responsibility, evidence,"
              + " tags, updated_by, updated_by_name, updated_at) SELECT sv.tenant_id,"
              + " gen_random_uuid(), sv.id, st.control_id, st.applicable, st.justification,"
              + " st.responsibility, st.implementation, st.customer_responsibility, st.evidence,"
              + " st.tags, st.updated_by, st.updated_by_name, st.updated_at FROM statement_version sv JOIN sim ON sim.id ="
              + " sv.tenant_id, statement st JOIN sim_version v ON st.tenant_id = v.tenant_id AND"
              + " st.version_id = v.id");
      s.execute(
          "INSERT INTO access_grant (tenant_id, service_id, organization_id,"
              + " nda_required, granted_by, granted_at, nda_accepted_by, nda_accepted_at) SELECT"
              + " sim.id, 'service-' || k, 'org-' || lpad(o::text, 2, '0'), true, 'bench', now(),"
              + " 'bench', now() FROM sim, generate_series(1, 3) k, generate_series(1, 20) o");
    }
  }

  /**
   * Writes {@code n} question threads of {@code org} on {@code version} of {@code service} (one
   * message each, a third resolved), spread over the version's controls.
   */
  public static void addThreads(
      Connection c, String tenant, String org, String service, int version, int n)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE bench_controls AS SELECT control_id, row_number() OVER () AS i"
              + " FROM statement s JOIN statement_version v ON v.tenant_id = s.tenant_id AND"
              + " v.id = s.version_id WHERE v.tenant_id = '"
              + tenant
              + "' AND v.service_id = '"
              + service
              + "' AND v.number = "
              + version);
      s.execute(
          "CREATE TEMP TABLE bench_threads AS SELECT gen_random_uuid() AS id, g,"
              + " (SELECT control_id FROM bench_controls WHERE i = 1 + g % (SELECT count(*) FROM"
              + " bench_controls)) AS control_id FROM generate_series(1, "
              + n
              + ") g");
      s.execute(
          "INSERT INTO review_thread (tenant_id, id, organization_id, service_id,"
              + " version_number, control_id, status, created_by, created_by_name, created_at,"
              + " resolved_by, resolved_by_name, resolved_at) SELECT '"
              + tenant
              + "', id, '"
              + org
              + "', '"
              + service
              + "', "
              + version
              + ", control_id, CASE WHEN g % 3 = 0 THEN 'resolved' ELSE 'open'"
              + " END, 'acme-reviewer', 'Bench Reviewer', now() - g * interval '1 minute', CASE"
              + " WHEN g % 3 = 0 THEN 'nimbus-author' END, CASE WHEN g % 3 = 0 THEN 'Bench Author'"
              + " END, CASE WHEN g % 3 = 0 THEN now() END FROM bench_threads");
      s.execute(
          "INSERT INTO review_message (tenant_id, id, thread_id, author, author_name, side,"
              + " body, created_at) SELECT '"
              + tenant
              + "', gen_random_uuid(), id, 'acme-reviewer',"
              + " 'Bench Reviewer',"
              + " 'customer', 'Benchmark question ' || g || ': how is this control evidenced?',"
              + " now() - g * interval '1 minute' FROM bench_threads");
    }
  }
}
