import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes the benchmark corpus: N runbooks of about 20 steps, each in both forms (N .rb.yaml and N .runbook
 * files that say the same thing), with every step kind and the common keys mixed by a seeded generator.
 *
 * Usage: java bench/GenerateCorpus.java OUT_DIR [N]
 */
public final class GenerateCorpus {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/corpus");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Files.createDirectories(out);
        Random random = new Random(20261123L);
        for (int i = 0; i < count; i++) {
            int steps = 18 + random.nextInt(5);
            long seed = random.nextLong();
            Files.writeString(out.resolve(String.format("rb%04d.rb.yaml", i)), yaml(i, steps, new Random(seed)));
            Files.writeString(out.resolve(String.format("rb%04d.runbook", i)), dsl(i, steps, new Random(seed)));
        }
        System.out.println("wrote " + (2 * count) + " files to " + out);
    }

    static String yaml(int n, int steps, Random r) {
        StringBuilder y = new StringBuilder();
        y.append("runbook: bench.corpus-").append(n).append("\ntitle: Generated runbook ").append(n).append('\n');
        y.append("owner: Bench\nschedule: \"0 ").append(n % 24).append(" * * *\"\n");
        y.append("params:\n  base_url: { type: string, default: \"http://127.0.0.1:8080\" }\n");
        y.append("  user_id: { type: string, default: \"00000000-0000-0000-0000-000000000000\" }\n");
        y.append("  limit: { type: int, default: 10 }\n");
        y.append("secrets:\n  token: BENCH_TOKEN\ndatabases:\n  main: postgres://127.0.0.1:5432/test\n");
        y.append("steps:\n  - id: approve_all\n    approve: Run generated runbook ").append(n).append("?\n");
        for (int s = 1; s < steps; s++) {
            String id = "step_" + s;
            switch (r.nextInt(6)) {
                case 0 -> y.append("  - id: ").append(id).append("\n    http: GET ${params.base_url}/api/items/").append(s)
                        .append("\n    expect: [status == 200, body.items.size() <= params.limit, elapsed < 2s]\n")
                        .append("    capture:\n      count_").append(s).append(": body.items.size()\n");
                case 1 -> y.append("  - id: ").append(id).append("\n    sql:\n      db: main\n")
                        .append("      query: SELECT count(*) AS n FROM enrollments WHERE user_id = :user_id AND id > ").append(s)
                        .append("\n      params: { user_id: params.user_id }\n    expect: rows[0].n >= 0\n    severity: P2\n");
                case 2 -> y.append("  - id: ").append(id).append("\n    shell:\n      command: echo step ").append(s)
                        .append(" ${params.user_id}\n      env: { TOKEN: \"${secrets.token}\" }\n")
                        .append("    expect: [exit_code == 0, stdout.contains(\"step\")]\n    timeout: 10s\n");
                case 3 -> y.append("  - id: ").append(id).append("\n    when: params.limit > ").append(s)
                        .append("\n    log: Step ").append(s).append(" for ${params.user_id}\n");
                case 4 -> y.append("  - id: ").append(id).append("\n    http:\n      method: POST\n      url: ${params.base_url}/api/jobs\n")
                        .append("      json: { step: ").append(s).append(", user: \"${params.user_id}\" }\n")
                        .append("    expect: status in [200, 201]\n    retry: { attempts: 3, interval: 1s, until: status < 500 }\n");
                default -> y.append("  - id: ").append(id).append("\n    manual: Look at dashboard ").append(s)
                        .append(".\n    ask:\n      errors: { type: int, prompt: \"How many errors?\" }\n    expect: answers.errors == 0\n");
            }
        }
        return y.toString();
    }

    static String dsl(int n, int steps, Random r) {
        StringBuilder d = new StringBuilder();
        d.append("runbook bench.corpus-").append(n).append(" \"Generated runbook ").append(n).append("\" {\n");
        d.append("  owner \"Bench\"\n  schedule \"0 ").append(n % 24).append(" * * *\"\n");
        d.append("  param base_url: string = \"http://127.0.0.1:8080\"\n");
        d.append("  param user_id: string = \"00000000-0000-0000-0000-000000000000\"\n");
        d.append("  param limit: int = 10\n  secret token from env BENCH_TOKEN\n");
        d.append("  database main = \"postgres://127.0.0.1:5432/test\"\n");
        d.append("  step approve_all {\n    approve \"Run generated runbook ").append(n).append("?\"\n  }\n");
        for (int s = 1; s < steps; s++) {
            String id = "step_" + s;
            d.append("  step ").append(id).append(" {\n");
            switch (r.nextInt(6)) {
                case 0 -> d.append("    GET \"${params.base_url}/api/items/").append(s).append("\"\n")
                        .append("    expect status == 200\n    expect body.items.size() <= params.limit\n    expect elapsed < 2s\n")
                        .append("    capture count_").append(s).append(" = body.items.size()\n");
                case 1 -> d.append("    severity P2\n    sql main \"SELECT count(*) AS n FROM enrollments WHERE user_id = :user_id AND id > ")
                        .append(s).append("\" {\n      params { user_id: params.user_id }\n    }\n    expect rows[0].n >= 0\n");
                case 2 -> d.append("    timeout 10s\n    shell \"echo step ").append(s).append(" ${params.user_id}\" {\n")
                        .append("      env { TOKEN: secrets.token }\n    }\n    expect exit_code == 0\n    expect stdout.contains(\"step\")\n");
                case 3 -> d.append("    when params.limit > ").append(s).append("\n    log \"Step ").append(s)
                        .append(" for ${params.user_id}\"\n");
                case 4 -> d.append("    retry attempts 3 interval 1s until status < 500\n")
                        .append("    POST \"${params.base_url}/api/jobs\" {\n      json { step: ").append(s)
                        .append(", user: params.user_id }\n    }\n    expect status in [200, 201]\n");
                default -> d.append("    manual \"Look at dashboard ").append(s).append(".\" {\n")
                        .append("      ask { errors: { type: \"int\", prompt: \"How many errors?\" } }\n    }\n")
                        .append("    expect answers.errors == 0\n");
            }
            d.append("  }\n");
        }
        return d.append("}\n").toString();
    }
}
