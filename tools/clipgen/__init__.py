"""Model preparation for clipserve: Chinese-CLIP encoder architectures with seeded random
weights, their ONNX export, config.pbtxt writing and checking, and torch reference embeddings."""
